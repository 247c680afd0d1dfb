import { expect, test, users } from './fixtures/portal';

test('the global admin signs in and sees the shell', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(page.getByText('Welcome, Avery Martin')).toBeVisible();
  await expect(page.getByText('Avery Martin, Global admin')).toBeVisible();
  await expect(shell.nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(shell.nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(shell.customerSwitcher).toBeVisible();
  await expect(page).toHaveTitle('Overview · Billing portal');
});

for (const [who, role, partner] of [
  ['admin', 'Global admin', true],
  ['sales', 'Sales agent', true],
  ['billing', 'Billing admin', true],
  ['contosoAdmin', 'Customer admin', false],
  ['contosoReader', 'Customer reader', false],
  ['fabrikamAdmin', 'Customer admin', false],
] as const) {
  test(`${users[who].email} signs in and sees the shell for their role`, async ({ page, signInAs, shell }) => {
    await signInAs(users[who]);
    await expect(page.getByText(`${users[who].name}, ${role}`)).toBeVisible();
    await expect(shell.nav.getByRole('link', { name: 'Customers' })).toHaveCount(partner ? 1 : 0);
  });
}

test('a wrong password shows an error and keeps the user on sign-in', async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn({ email: users.sales.email, password: 'not-the-password' });
  await expect(signInPage.alert).toHaveText('The email address or password is incorrect.');
  await expect(signInPage.heading).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
  // The button is usable again for the next attempt.
  await expect(signInPage.submit).toBeEnabled();
});

test('an invalid email is refused in the form before any request', async ({ page, signInPage }) => {
  const loginCalls: string[] = [];
  page.on('request', (r) => r.url().includes('/v1/auth/login') && loginCalls.push(r.url()));
  await signInPage.goto();
  await signInPage.email.fill('admin.northwind.example');
  await signInPage.submit.click();
  await expect(page.getByText('Enter an email address such as name@example.com.')).toBeVisible();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await expect(signInPage.email).toHaveAttribute('aria-invalid', 'true');
  await expect(signInPage.email).toBeFocused();
  await expect(signInPage.alert).toHaveText('Correct the highlighted fields, then sign in again.');
  expect(loginCalls).toEqual([]);
});

test('signing in with the keyboard only', async ({ page, signInPage, shell }) => {
  await signInPage.goto();
  await signInPage.email.focus();
  await page.keyboard.type(users.contosoReader.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(users.contosoReader.password);
  await page.keyboard.press('Enter');
  await shell.expectSignedInAs(users.contosoReader);
});

test('a deep link while signed out comes back after sign-in', async ({ page, signInPage, shell }) => {
  await page.goto('/customers');
  await expect(signInPage.heading).toBeVisible();
  await expect(page).toHaveURL(/\/signin\?next=%2Fcustomers$/);
  await signInPage.signIn(users.admin);
  await expect(shell.heading('Customers')).toBeVisible();
  await expect(page).toHaveURL(/\/customers$/);
});

test('a customer user sees their own organisation and no partner tools', async ({ page, signInAs, shell }) => {
  await signInAs(users.fabrikamAdmin);
  const details = page.getByRole('region', { name: 'Customer in view' });
  await expect(details.getByText('Fabrikam', { exact: true })).toBeVisible();
  await expect(details.getByText('United States')).toBeVisible();
  await expect(shell.nav.getByRole('link', { name: 'Customers' })).toHaveCount(0);
  await expect(shell.customerSwitcher).toHaveCount(0);
});
