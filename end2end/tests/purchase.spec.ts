import { expect, expectNoAxeViolations, test, users, type Shell } from './fixtures/portal';
import type { Page } from '@playwright/test';

/** An offer card on the Pricing page, found by its heading. */
function offer(page: Page, name: string) {
  return page.getByRole('article', { name });
}

async function chooseCustomer(shell: Shell, name: string) {
  await shell.customerSwitcher.selectOption({ label: name });
}

test('a customer admin buys two offers billed differently, then sees them provisioned', async ({ page, signInAs, shell }) => {
  await signInAs(users.fabrikamAdmin, '/signin?next=%2Fpricing');
  await expect(shell.heading('Pricing')).toBeVisible();
  await expect(page.getByText('What Fabrikam can buy, in its billing currency.')).toBeVisible();

  const e3 = offer(page, 'Microsoft 365 E3');
  await e3.getByLabel('Number of users').fill('5');
  await e3.getByLabel('Commitment and billing').selectOption({ label: '1 year, billed monthly' });
  await e3.getByRole('button', { name: 'Add to cart' }).click();
  await expect(e3.getByRole('status')).toContainText('Microsoft 365 E3 is in the cart.');

  const standard = offer(page, 'Microsoft 365 Business Standard');
  await standard.getByLabel('Number of users').fill('2');
  await standard.getByLabel('Commitment and billing').selectOption({ label: '1 year, billed annually' });
  await standard.getByRole('button', { name: 'Add to cart' }).click();
  await expect(standard.getByRole('status')).toContainText('is in the cart');
  await expect(shell.nav.getByRole('link', { name: 'Cart (2)' })).toBeVisible();

  await shell.nav.getByRole('link', { name: 'Cart (2)' }).click();
  await expect(shell.heading('Cart')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Order 1, billed monthly' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Order 2, billed annually' })).toBeVisible();
  // The annual line pays its year up front: 2 × $150.00.
  const annual = page.getByRole('region', { name: 'Order 2, billed annually' });
  await expect(annual.getByRole('row', { name: /Business Standard/ })).toContainText('$300.00');

  // Change a quantity: the line is saved and priced again.
  const quantity = page.getByLabel('Number of users – Microsoft 365 E3');
  await quantity.fill('7');
  await quantity.press('Tab');
  await expect(page.getByRole('region', { name: 'Order 1, billed monthly' }).getByRole('row', { name: /E3/ })).toContainText('then $252.00 per month');
  await expect(page.getByLabel('Number of users – Microsoft 365 E3')).toHaveValue('7');

  await page.getByRole('button', { name: 'Review the order' }).click();
  await expect(shell.heading('Review the order')).toBeVisible();
  await expect(page.getByText('7 × Microsoft 365 E3')).toBeVisible();
  await page.getByRole('button', { name: 'Place the order' }).click();
  await expect(shell.heading('Order placed')).toBeVisible();
  await expect(shell.nav.getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

  const placed = page.getByRole('list').filter({ has: page.getByRole('link', { name: /^Order / }) });
  await expect(placed.getByRole('link')).toHaveCount(2);
  await placed.getByRole('link').first().click();
  // Provisioning finishes within seconds and the page follows without a reload.
  await expect(page.getByRole('status').filter({ hasText: 'Completed' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Microsoft 365 E3/ })).toContainText('Active');
  await expect(page.getByRole('row', { name: /Microsoft 365 E3/ })).toContainText('1 year, billed monthly');

  await page.getByRole('link', { name: 'All orders' }).click();
  await expect(shell.heading('Orders')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Orders of Fabrikam' })).toBeVisible();

  // What was bought is among the subscriptions, seven users from today.
  await shell.nav.getByRole('link', { name: 'Subscriptions' }).click();
  const e3Row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Microsoft 365 E3' }) });
  await expect(e3Row).toContainText('7');
  await e3Row.getByRole('link').click();
  await expect(shell.heading('Microsoft 365 E3')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Cancellable with a full refund until' })).toBeVisible();
});

test('cart lines can change commitment, show their errors and be removed', async ({ page, signInAs, shell }) => {
  await signInAs(users.contosoAdmin, '/signin?next=%2Fpricing');
  const e3 = offer(page, 'Microsoft 365 E3');
  await e3.getByLabel('Number of users').fill('2');
  await e3.getByRole('button', { name: 'Add to cart' }).click();
  await expect(e3.getByRole('status')).toContainText('is in the cart');
  await e3.getByRole('link', { name: 'View the cart' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Order 1, billed monthly' })).toBeVisible();

  // Annual billing moves the line to an annual order, charged the year up front: 2 × 404,40 €.
  await page.getByLabel('Commitment – Microsoft 365 E3').selectOption({ label: '1 year, billed annually' });
  await expect(page.getByRole('heading', { level: 2, name: 'Order 1, billed annually' })).toBeVisible();
  await expect(page.getByRole('row', { name: /E3/ })).toContainText('then €808.80 per year');

  // A quantity the SKU refuses: the server's line error shows on the line and blocks ordering.
  const quantity = page.getByLabel('Number of users – Microsoft 365 E3');
  await quantity.fill('0');
  await quantity.press('Tab');
  await expect(page.getByText('Enter at least 1.')).toBeVisible();
  await expect(page.getByLabel('Number of users – Microsoft 365 E3')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Correct the highlighted lines before ordering.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Review the order' })).toBeDisabled();

  await page.getByRole('button', { name: 'Remove Microsoft 365 E3' }).click();
  await expect(page.getByText('The cart is empty.')).toBeVisible();
  await expect(shell.nav.getByRole('link', { name: 'Cart', exact: true })).toBeVisible();
});

test('a reader can browse prices but not buy', async ({ page, signInAs, shell }) => {
  await signInAs(users.contosoReader);
  await shell.nav.getByRole('link', { name: 'Pricing' }).click();
  await expect(offer(page, 'Microsoft 365 E3')).toBeVisible();
  await expect(page.getByText('You can browse prices.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
});

test('quantities outside the SKU bounds are refused before any request', async ({ page, signInAs, shell }) => {
  const cartCalls: string[] = [];
  page.on('request', (r) => r.url().includes('/carts') && r.method() !== 'GET' && cartCalls.push(r.url()));
  await signInAs(users.sales);
  await chooseCustomer(shell, 'Contoso');
  await shell.nav.getByRole('link', { name: 'Pricing' }).click();
  const standard = offer(page, 'Microsoft 365 Business Standard');
  await standard.getByLabel('Number of users').fill('301');
  await standard.getByRole('button', { name: 'Add to cart' }).click();
  await expect(standard.getByText('Enter at most 300.')).toBeVisible();
  await expect(standard.getByLabel('Number of users')).toHaveAttribute('aria-invalid', 'true');
  await expect(standard.getByLabel('Number of users')).toBeFocused();
  const stack = offer(page, 'Azure Stack Hub capacity – Capacity per physical core');
  await stack.getByLabel('Physical cores').fill('4');
  await stack.getByRole('button', { name: 'Add to cart' }).click();
  await expect(stack.getByText('Enter at least 8.')).toBeVisible();
  expect(cartCalls).toEqual([]);
});

test('the cart survives a reload and a sign-in from another browser', async ({ page, browser, signInAs, shell }) => {
  await signInAs(users.admin);
  await chooseCustomer(shell, 'Contoso');
  await shell.nav.getByRole('link', { name: 'Pricing' }).click();
  const defender = offer(page, 'Microsoft Defender for IoT – Committed devices');
  await defender.getByLabel('Blocks of 1,000 devices').fill('3');
  await defender.getByRole('button', { name: 'Add to cart' }).click();
  await expect(defender.getByRole('status')).toContainText('is in the cart');

  await page.reload();
  await expect(shell.nav.getByRole('link', { name: /^Cart \(\d+\)$/ })).toBeVisible();
  await shell.nav.getByRole('link', { name: /^Cart/ }).click();
  await expect(page.getByRole('row', { name: /Defender for IoT/ })).toBeVisible();

  // Another browser, same user: the server has the cart.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/signin?next=%2Fcart');
  await otherPage.getByLabel('Email address').fill(users.admin.email);
  await otherPage.getByLabel('Password').fill(users.admin.password);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await otherPage.getByRole('combobox', { name: 'Customer in view' }).selectOption({ label: 'Contoso' });
  await expect(otherPage.getByRole('row', { name: /Defender for IoT/ })).toBeVisible();
  await other.close();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('prices use French number formatting and French words', async ({ page, signInAs, shell }) => {
    await signInAs(users.contosoAdmin);
    await shell.nav.getByRole('link', { name: 'Tarifs' }).click();
    await expect(shell.heading('Tarifs')).toBeVisible();
    const stack = offer(page, 'Azure Stack Hub capacity – Capacité par cœur physique');
    // Intl separates thousands with a narrow no-break space and puts the symbol after: 1 150,00 €.
    const expected = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1150);
    expect(expected).toMatch(/^1\s150,00\s€$/);
    const oneYear = stack.getByRole('listitem').filter({ hasText: '1 an, facturé chaque année' });
    await expect(oneYear).toContainText(expected);
    await expect(stack.getByText('par cœur et par an').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Microsoft 365 et services en ligne' })).toBeVisible();
  });
});

for (const language of ['en', 'fr'] as const) {
  test(`axe-core finds no violation in the purchase pages (${language})`, async ({ page, signInAs, shell }) => {
    await page.addInitScript((code) => window.localStorage.setItem('portal.locale', code), language);
    // Each language its own user: the two run in parallel and must not share a cart.
    await signInAs(language === 'en' ? users.sales : users.admin);
    await chooseCustomer(shell, 'Fabrikam');
    await page.goto('/pricing');
    await expect(offer(page, 'Microsoft 365 E3')).toBeVisible();
    await expectNoAxeViolations(page);

    const e3 = offer(page, 'Microsoft 365 E3');
    await e3.getByRole('spinbutton').fill('0');
    await e3.getByRole('button').click();
    await expect(e3.locator('.field-error')).toBeVisible();
    await expectNoAxeViolations(page);
    await e3.getByRole('spinbutton').fill('3');
    await e3.getByRole('button').click();
    await expect(e3.getByRole('link')).toBeVisible();

    await page.goto('/cart');
    await expect(page.getByRole('row', { name: /E3/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Review the order|Vérifier la commande/ }).click();
    await expect(page.getByRole('button', { name: /Place the order|Passer la commande/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: /Place the order|Passer la commande/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Order placed|Commande passée/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: /^(Order|Commande) / }).first().click();
    await expect(page.getByRole('status').filter({ hasText: /Completed|Terminée/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/orders');
    await expect(page.getByRole('table')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
