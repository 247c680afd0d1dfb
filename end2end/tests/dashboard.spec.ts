// The partner's overview across its customers: every figure equals the page it links to. This
// file runs in its own project, after all the others (playwright.config.ts): they add customers,
// pay and void invoices and send usage, and a figure compared while another test changes it
// would prove nothing.
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

const TILES_EN = [
  'Customers',
  'Usage this month',
  'Budgets',
  'Balances due',
  'Invoices not issued',
  'Orders not provisioned',
  'Terms ending within 30 days',
];

/** The value beside a label in a facts list. */
function fact(page: Page, label: string): Locator {
  return page.locator('dl.facts > dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
}

function firstNumber(text: string): number {
  return Number(text.match(/\d+/)![0]);
}

test('the partner’s tiles equal the pages they link to', async ({ page, signInAs }) => {
  await signInAs(users.admin);
  const across = page.getByRole('region', { name: 'Across your customers' });
  const tile = (name: string) => across.getByRole('region', { name, exact: true });
  for (const name of TILES_EN) {
    await expect(tile(name)).toBeVisible();
  }
  await expect(across.getByRole('heading', { level: 3 })).toHaveCount(TILES_EN.length);
  await expectNoAxeViolations(page);

  // Customers: the active ones are the customer list's, those waiting its "pending" filter's.
  const active = firstNumber((await page.getByTestId('tile-customers').textContent())!);
  const pending = firstNumber((await page.getByTestId('tile-customers-other').textContent())!);
  expect(pending).toBeGreaterThan(0);
  await tile('Customers').getByRole('link', { name: 'See the customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.locator('p.lead')).toHaveText(active === 1 ? '1 customer' : `${active} customers`);
  await page.goBack();
  await tile('Customers').getByRole('link', { name: 'See those waiting' }).click();
  await expect(page.getByLabel('Relationship')).toHaveValue('pending');
  await expect(page.locator('p.lead')).toHaveText(pending === 1 ? '1 customer' : `${pending} customers`);
  await page.goBack();

  // Usage and budgets: the Usage page's figures for all customers.
  const spend = (await page.getByTestId('tile-partner-spend').textContent())!;
  const budgets = (await page.getByTestId('tile-budgets').textContent())!;
  await tile('Usage this month').getByRole('link', { name: 'See the usage' }).click();
  await expect(fact(page, 'Total spend')).toHaveText(spend);
  const over = (await fact(page, 'Customers over budget').textContent())!;
  const trending = (await fact(page, 'Customers on course to pass their budget').textContent())!;
  expect(budgets).toBe(`${over} customer${over === '1' ? '' : 's'} over budget, ${trending} heading over by the month’s end`);
  await page.goBack();

  // Balances: the Invoices page's cards; the overdue link lists exactly the overdue invoices.
  const due = (await page.getByTestId('tile-receivables').textContent())!.split(' · ');
  const counts = (await page.getByTestId('tile-receivables-counts').textContent())!;
  const overdue = Number(counts.match(/(\d+) overdue/)![1]);
  expect(overdue, 'the demo leaves Fabrikam’s oldest invoice unpaid past its due date').toBeGreaterThan(0);
  await tile('Balances due').getByRole('link', { name: 'See the overdue invoices' }).click();
  await expect(page.getByLabel('Status')).toHaveValue('overdue');
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'INV-' });
  await expect(rows).toHaveCount(overdue);
  await expect(rows.filter({ hasText: 'Overdue' })).toHaveCount(overdue);
  const figures = await page.locator('.card.summary .figure').allTextContents();
  for (const amount of due) {
    expect(figures, `${amount} is a balance on the Invoices page`).toContain(amount);
  }
  await page.goBack();

  // No order failed: one would be listed with its customer and why (API tests make one fail).
  await expect(page.getByTestId('tile-order-failures')).toHaveText('Every order was provisioned.');

  // Terms: Litware's yearly licences renew within 30 days; the link opens them with Litware in view.
  const terms = tile('Terms ending within 30 days');
  const litware = terms.getByRole('link', { name: /^Litware — Litware Microsoft 365 E3: renews for a year on / });
  await expect(litware).toBeVisible();
  await litware.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Litware Microsoft 365 E3' })).toBeVisible();
  await expect(page.getByLabel('Customer in view')).toHaveValue(/.+/);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('les tuiles du partenaire, en français', async ({ page, signInAs }) => {
    await signInAs(users.billing);
    const across = page.getByRole('region', { name: 'Pour l’ensemble de vos clients' });
    for (const name of ['Clients', 'Consommation du mois', 'Budgets', 'Soldes à encaisser', 'Factures non émises', 'Commandes non mises en service', 'Engagements qui se terminent sous 30 jours']) {
      await expect(across.getByRole('region', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByTestId('tile-failures')).toHaveText('Tous les clients ont été facturés.');
    await expect(page.getByTestId('tile-receivables-counts')).toContainText(/dont \d+ en retard/);
    await expect(page.getByTestId('tile-terms')).toContainText('Litware — Litware Microsoft 365 E3 : renouvelé pour un an le');
    await expectNoAxeViolations(page);
  });
});
