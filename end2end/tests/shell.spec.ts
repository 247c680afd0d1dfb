import { expect, test, users } from './fixtures/portal';

test('reloading a deep link keeps the page and the session', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  await expect(shell.heading('Customers')).toBeVisible();
  await page.reload();
  await expect(shell.heading('Customers')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Customers you resell to' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Contoso' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Fabrikam' })).toBeVisible();
  await expect(page.getByText('2 customers')).toBeVisible();
});

test('the partner chooses the customer in view, and it is remembered', async ({ page, signInAs, shell }) => {
  await signInAs(users.sales);
  const details = page.getByRole('region', { name: 'Customer in view' });
  await expect(details.getByText(/choose a customer/i)).toBeVisible();

  await shell.customerSwitcher.selectOption({ label: 'Contoso' });
  await expect(details.getByText('contoso.example')).toBeVisible();
  await expect(details.getByText('Euro (EUR)')).toBeVisible();
  await expect(details.getByText('France')).toBeVisible();

  await page.reload();
  await expect(shell.customerSwitcher).toHaveValue(/.+/);
  await expect(details.getByText('contoso.example')).toBeVisible();

  // From the customers list as well.
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('row', { name: /Contoso/ }).getByText('In view', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'View Fabrikam' }).click();
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(details.getByText('fabrikam.example')).toBeVisible();
});

test('signing out ends the session; the back button shows no data', async ({ page, signInAs, shell, signInPage }) => {
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('rowheader', { name: 'Contoso' })).toBeVisible();

  await shell.signOutButton.click();
  await expect(signInPage.heading).toBeVisible();

  // The session is gone on the server, not only in this tab.
  const me = await page.request.get('/v1/me');
  expect(me.status()).toBe(401);

  await page.goBack();
  await expect(signInPage.heading).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Contoso' })).toHaveCount(0);
  await expect(page.getByText('Fabrikam')).toHaveCount(0);
});

test('an ended session sends the user to sign-in and back', async ({ page, signInAs, shell, signInPage }) => {
  await signInAs(users.admin);
  // The server forgets the session (it expired, or was signed out from another tab).
  expect((await page.request.post('/v1/auth/logout')).status()).toBe(204);
  // The next page that asks the API for data finds out.
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  await expect(signInPage.heading).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin\?next=%2Fcustomers$/);
  await signInPage.signIn(users.admin);
  await expect(shell.heading('Customers')).toBeVisible();
});

test('an unknown address shows a page-not-found with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the overview' })).toBeVisible();
});

test('the skip link moves focus to the main content', async ({ page, signInAs }) => {
  await signInAs(users.admin);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
