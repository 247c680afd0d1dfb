// The overview's tiles for the customer in view: headed regions, each with its figure and a link
// to the page the figure comes from, in English and French.
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

function nextMonthFirst(locale: string) {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(first);
}

test('Contoso’s overview: this month’s spend is the Usage page’s, and every tile links to its page', async ({ page, signInAs }) => {
  await signInAs(users.contosoReader);
  const tiles = ['Spend this month', 'Balance due', 'Active subscriptions', 'Defender for IoT', 'Open orders'];
  for (const name of tiles) {
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  const spend = page.getByRole('region', { name: 'Spend this month' });
  const spent = (await spend.getByTestId('tile-spend').textContent())!;
  await expect(page.getByRole('region', { name: 'Balance due' })).toContainText(`Next invoice on ${nextMonthFirst('en-US')}.`);
  await expect(page.getByRole('region', { name: 'Active subscriptions' })).toContainText(/^Active subscriptions\d+ Azure plans?, \d+ licence subscriptions?/);
  // Where the month is heading at its rate so far, drawn and said.
  await expect(spend.getByTestId('tile-spend-heading')).toHaveText(/^At this rate, €[\d,.]+ by \w+ \d+, \d{4}\.$/);
  await expect(spend.locator('.bullet-spent')).toHaveCount(1);
  await expectNoAxeViolations(page);

  await spend.getByRole('link', { name: 'See the usage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Azure usage' })).toBeVisible();
  const total = (await page.getByTestId('usage-total').textContent())!;
  expect(spent.startsWith(total), `${spent} starts with the Usage page's ${total}`).toBe(true);
});

test('Contoso’s oldest invoice is past its due date: the balance tile says so and lists it', async ({ page, signInAs }) => {
  await signInAs(users.contosoReader);
  const overdue = page.getByTestId('tile-balance-overdue');
  await expect(overdue).toHaveText(/^Overdue: 1 \(€[\d,.]+\)$/);
  const amount = (await overdue.textContent())!.match(/\((.+)\)/)![1];
  await page.getByRole('region', { name: 'Balance due' }).getByRole('link', { name: 'See the overdue invoices' }).click();
  await expect(page.getByLabel('Status')).toHaveValue('overdue');
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'INV-' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Overdue');
  await expect(rows.first()).toContainText(amount);
  await rows.first().getByRole('link').click();
  await expect(page.locator('dl.facts')).toContainText('Payable within 30 days of the invoice date.');
  await expectNoAxeViolations(page);
});

// Its legacy subscription is told of too, until upgrade.spec.ts upgrades it (in parallel).
test('Litware is told, under “Needs attention”, of its licences renewing for a year', async ({ page, signInAs }) => {
  await signInAs(users.litwareAdmin);
  const attention = page.getByRole('region', { name: 'Needs attention' });
  const renewal = attention.getByRole('link', { name: /^Litware Microsoft 365 E3: renews for a year on \w+ \d+, \d{4}\.$/ });
  await expect(renewal).toBeVisible();
  await expectNoAxeViolations(page);
  await renewal.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Litware Microsoft 365 E3' })).toBeVisible();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('les tuiles de l’accueil, en français', async ({ page, signInAs }) => {
    await signInAs(users.contosoReader);
    for (const name of ['Dépenses du mois', 'Solde dû', 'Abonnements actifs', 'Defender pour IoT', 'Commandes en cours']) {
      await expect(page.getByRole('region', { name })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: 'Solde dû' })).toContainText(`Prochaine facture le ${nextMonthFirst('fr-FR')}.`);
    const spent = (await page.getByTestId('tile-spend').textContent())!;
    await page.getByRole('link', { name: 'Voir la consommation' }).click();
    const total = (await page.getByTestId('usage-total').textContent())!;
    expect(spent.startsWith(total), `${spent} commence par ${total}`).toBe(true);
    await expectNoAxeViolations(page);
  });
});

// Provisioning fails only when a reseller relationship ends between checkout and provisioning
// (the API tests make it happen); here the server's answers for one order stand in for that.
test('an order that could not be provisioned is told on the overview, its page and its subscription’s', async ({ page, signInAs }) => {
  await signInAs(users.contosoAdmin);
  const failed = (order: Record<string, unknown>) => ({ ...order, status: 'failed', failureReason: 'noActiveReseller' });
  let orderId = '';
  await page.route(/\/v1\/customers\/[^/]+\/orders\?include_price=true$/, async (route) => {
    const body = await (await route.fetch()).json();
    orderId = body.items[0].id;
    body.items[0] = failed(body.items[0]);
    await route.fulfill({ json: body });
  });
  await page.route(/\/v1\/customers\/[^/]+\/orders\/[^/?]+\?include_price=true$/, async (route) => {
    await route.fulfill({ json: failed(await (await route.fetch()).json()) });
  });
  await page.route(/\/provisioningstatus$/, async (route) => {
    const body = await (await route.fetch()).json();
    await route.fulfill({ json: { ...body, status: 'failed', reason: 'noActiveReseller' } });
  });
  await page.reload();
  const alert = page.getByRole('region', { name: 'Needs attention' }).getByRole('link', { name: /could not be provisioned: see why\.$/ });
  await expect(alert).toBeVisible();
  await alert.click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByTestId('order-failure')).toHaveText(/reseller relationship ended before the order was provisioned\. Nothing was charged/);
  await expect(page.getByRole('status').filter({ hasText: 'Failed' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByTestId('provisioning-reason')).toContainText('reseller relationship ended');
});
