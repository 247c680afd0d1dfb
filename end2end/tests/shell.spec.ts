import { expect, test, users, API_SCRIPT } from './fixtures/portal';

test('reloading a deep link keeps the page and the session', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  await expect(shell.heading('Customers')).toBeVisible();
  await page.reload();
  await expect(shell.heading('Customers')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Customers you resell to' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Contoso' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Fabrikam' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Litware' })).toBeVisible();
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
  expect((await page.request.post('/v1/auth/logout', { headers: API_SCRIPT })).status()).toBe(204);
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

test('the customer switcher lists customers from every page of the collection', async ({ page, signInAs, shell }) => {
  // Two pages joined by a continuation token, as a partner with many customers gets them.
  const customer = (id: string, name: string) => ({
    id,
    companyProfile: { tenantId: id, companyName: name, domain: `${id}.example` },
    billingProfile: { culture: 'en-US', defaultAddress: { country: 'US' } },
    currency: 'USD',
    relationshipToPartner: 'reseller',
    links: { self: { uri: `/customers/${id}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'Customer' },
  });
  const collection = (items: object[], token?: string) => ({
    totalCount: items.length,
    items,
    links: { self: { uri: '/customers?size=500', method: 'GET', headers: [] } },
    ...(token ? { continuationToken: token } : {}),
    attributes: { objectType: 'Collection' },
  });
  const tokensSeen: (string | undefined)[] = [];
  await page.route('**/v1/customers?size=500*', async (route) => {
    const token = route.request().headers()['ms-continuationtoken'];
    tokensSeen.push(token);
    const body = token === 'page-2' ? collection([customer('beta', 'Beta Industries')]) : collection([customer('alpha', 'Alpha Traders')], 'page-2');
    await route.fulfill({ json: body });
  });
  await signInAs(users.admin);
  await expect(shell.customerSwitcher.getByRole('option', { name: 'Alpha Traders' })).toHaveCount(1);
  await expect(shell.customerSwitcher.getByRole('option', { name: 'Beta Industries' })).toHaveCount(1);
  expect(tokensSeen).toEqual([undefined, 'page-2']);
});
