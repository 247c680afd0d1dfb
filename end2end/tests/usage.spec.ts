import { expect, expectNoAxeViolations, test, users, API_SCRIPT } from './fixtures/portal';
import type { Page } from '@playwright/test';

const CONTOSO = '3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01';
const FABRIKAM = '9b2e4d6f-1a3c-4e5f-8b7d-2c4e6a8f0b02';
const FABRIKAM_PRODUCTION = 'f0b3e6c2-8e4a-4f7b-8c9d-000000000001';
const VM_METER = 'a1f3c6d2-0001-4e2b-9d61-7c0e5b2a9f01';
const CONTOSO_PLAN = '5ab0c0e1-0000-4000-8000-00000000a001';

/** The customer's spend this month, as the API says (exact decimal text). */
async function spentThisMonth(page: Page, customerId: string): Promise<string> {
  const summary = await page.request.get(`/v1/customers/${customerId}/usagesummary`);
  expect(summary.status()).toBe(200);
  return String((await summary.json()).totalCost);
}

/** The body cells of a table's column, top to bottom. */
async function column(page: Page, table: string, index: number): Promise<string[]> {
  const rows = page.getByRole('table', { name: table }).locator('tbody tr');
  return rows.evaluateAll(
    (trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement | undefined)?.innerText ?? ''),
    index,
  );
}

function amountOf(text: string): number {
  // For ordering checks only: "€1,234.56" → 1234.56.
  return Number(text.replace(/[^0-9.-]/g, ''));
}

test('the chart and tables render for Contoso, and sorting works', async ({ page, signInAs }) => {
  await signInAs(users.contosoReader);
  await page.getByRole('navigation').getByRole('link', { name: /^Usage/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Azure usage' })).toBeVisible();

  // The month's total as the API has it, rounded to cents.
  const spent = Number(await spentThisMonth(page, CONTOSO));
  const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(spent);
  await expect(page.getByTestId('usage-total')).toHaveText(total);
  // What the invoice will bill (its lines each rounded to the cent) is said when it differs.
  const summary = await (await page.request.get(`/v1/customers/${CONTOSO}/usagesummary`)).json();
  const billed = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(summary.billedCost);
  if (billed === total) {
    await expect(page.getByTestId('usage-billed')).toHaveCount(0);
  } else {
    await expect(page.getByTestId('usage-billed')).toHaveText(`The invoice bills ${billed}: one line per Azure plan and meter, each rounded to the cent.`);
  }

  // The chart: an image named by its heading, a legend of meter categories, a table behind it.
  const chart = page.getByRole('img', { name: /Daily cost/ });
  await expect(chart).toBeVisible();
  const pieces = await chart.locator('rect').count();
  // Five of the Azure subscriptions' resources, and the Azure Stack Hub deployment's.
  await expect(page.getByRole('list', { name: 'Meter categories' }).getByRole('listitem')).toHaveCount(6);
  await page.getByText('Show the figures as a table').click();
  const figures = page.getByRole('table', { name: 'Daily cost' });
  await expect(figures.getByRole('columnheader', { name: 'Virtual Machines' })).toBeVisible();
  // One row a day so far (on the first of the month, one), and a bar for each day stacked
  // from a piece per meter category it used: more pieces than days.
  const days = await figures.locator('tbody tr').count();
  expect(days).toBeGreaterThan(0);
  expect(pieces).toBeGreaterThan(days);

  // A reader sees the budget but cannot change it, and the API refuses it too.
  await expect(page.getByRole('button', { name: 'Save budget' })).toHaveCount(0);
  const refused = await page.request.patch(`/v1/customers/${CONTOSO}/usagebudget`, { headers: API_SCRIPT, data: { amount: 1 } });
  expect(refused.status()).toBe(403);

  // By subscription, then by meter: sortable by any column.
  await expect(page.getByRole('table', { name: 'By subscription' }).getByRole('link', { name: 'Contoso Azure plan' })).toBeVisible();
  await page.getByRole('tab', { name: 'By meter' }).click();
  const meters = page.getByRole('table', { name: 'By meter' });
  await expect(meters.locator('tbody tr')).toHaveCount(7);
  await expect(meters.getByRole('row', { name: /Base VM Azure Stack Hub/ })).toBeVisible();
  const totalHeader = meters.getByRole('columnheader', { name: /Total/ });
  await expect(totalHeader).toHaveAttribute('aria-sort', 'descending');
  const byCost = (await column(page, 'By meter', 4)).map(amountOf);
  expect(byCost).toEqual([...byCost].sort((a, b) => b - a));
  await meters.getByRole('button', { name: /Meter/ }).click();
  await expect(meters.getByRole('columnheader', { name: /Meter/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(totalHeader).toHaveAttribute('aria-sort', 'none');
  const byName = await column(page, 'By meter', 0);
  expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  await meters.getByRole('button', { name: /Meter/ }).click();
  expect(await column(page, 'By meter', 0)).toEqual([...byName].reverse());

  // The filter narrows the rows; the CSV holds what is shown.
  await page.getByLabel('Filter rows').fill('stored');
  await expect(meters.locator('tbody tr')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream();
  const text = (await csv.toArray()).join('');
  expect(text.split('\r\n')[0]).toBe('Meter,Category,Quantity,Unit,Total');
  expect(text.trim().split('\r\n')).toHaveLength(2);
  expect(text).toContain('LRS Data Stored');

  // By resource: sorted by the server, cheapest first after a click.
  await page.getByRole('tab', { name: 'By meter' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'By resource' })).toBeFocused();
  const resources = page.getByRole('table', { name: 'By resource' });
  await expect(page.getByText(/^\d+ resources\.$/)).toBeVisible();
  await resources.getByRole('button', { name: /Total/ }).click();
  await expect(resources.getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(async () => {
    const costs = (await column(page, 'By resource', 3)).filter((c) => c !== '').map(amountOf);
    expect(costs.length).toBeGreaterThan(1);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  }).toPass();
  await expectNoAxeViolations(page);
});

test('a user with Reader on the Azure plan alone sees its usage and invoice lines, not the budget', async ({ page, signInAs }) => {
  await signInAs(users.contosoLab);
  await page.getByRole('link', { name: 'See their usage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Azure usage' })).toBeVisible();
  // Their total is their plan's, as the API has it; the budget is the administrators'.
  const summary = await page.request.get(`/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PLAN}/usagesummary`);
  const planTotal = Number((await summary.json()).totalCost);
  const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(planTotal);
  await expect(page.getByTestId('usage-total')).toHaveText(total);
  await expect(page.getByText(/^This counts only the subscriptions you have access to\./)).toBeVisible();
  await expect(page.getByLabel('Spending budget for the month')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Daily cost/ })).toBeVisible();
  const plans = page.getByRole('table', { name: 'By subscription' });
  await expect(plans.locator('tbody tr')).toHaveCount(1);
  await expectNoAxeViolations(page);

  // The plan's page lists what the invoices charged for it; the invoices themselves are not theirs.
  await plans.getByRole('link', { name: 'Contoso Azure plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso Azure plan' })).toBeVisible();
  const lines = page.getByRole('table', { name: 'Invoice lines' });
  await expect(lines.locator('tbody tr').first()).toContainText(/INV-\d{4}-\d{6}/);
  await expect(lines.getByRole('link')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Access control' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a budget under the month’s spend shows the 100% banner and the partner’s badge', async ({ page, browser, signInAs }) => {
  await signInAs(users.fabrikamAdmin, '/signin?next=/usage');
  await expect(page.getByRole('heading', { level: 1, name: 'Azure usage' })).toBeVisible();
  const spent = Number(await spentThisMonth(page, FABRIKAM));
  expect(spent).toBeGreaterThan(0.02);
  const budget = (Math.floor(spent * 50) / 100).toFixed(2); // about half, in cents

  await page.getByLabel('Spending budget for the month').fill(budget);
  await page.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByText(/Spending has passed 100% of the budget this month/)).toBeVisible();
  await expect(page.getByLabel('Spending budget for the month')).toBeFocused();
  await expect(page.locator('progress')).toBeVisible();
  await expect(page.getByText(/of a \$[\d,.]+ spending budget \(\d[\d,.]*% used\)/)).toBeVisible();

  // A bad amount is refused, naming the field, and nothing is saved.
  await page.getByLabel('Spending budget for the month').fill('-5');
  await page.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByText('Enter an amount of zero or more, such as 500.')).toBeVisible();
  const stored = await page.request.get(`/v1/customers/${FABRIKAM}/usagebudget`);
  expect(Number((await stored.json()).amount)).toBe(Number(budget));
  await expectNoAxeViolations(page);

  // The overview says it first thing, beside the spend against the budget.
  await page.goto('/');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention.getByRole('link', { name: 'Spending has passed the monthly budget.' })).toBeVisible();
  await expect(page.getByTestId('tile-spend')).toContainText(/of a \$[\d,.]+ budget/);

  // The partner sees the alert as a badge in the navigation until they open the usage page.
  const partner = await browser.newPage();
  await partner.goto('/signin');
  await partner.getByLabel('Email address').fill(users.admin.email);
  await partner.getByLabel('Password').fill(users.admin.password);
  await partner.getByRole('button', { name: 'Sign in' }).click();
  const usageLink = partner.getByRole('navigation').getByRole('link', { name: /^Usage/ });
  await expect(usageLink.getByTestId('usage-alert-badge')).toBeVisible();
  await expect(usageLink).toHaveAccessibleName(/new budget alert/);
  await usageLink.click();
  const overview = partner.getByRole('table', { name: 'All customers this period' });
  await expect(overview.getByRole('row', { name: /Fabrikam/ })).toContainText('Over budget');
  await expect(usageLink.getByTestId('usage-alert-badge')).toHaveCount(0);
  await partner.close();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('amounts, dates and the budget are French', async ({ page, signInAs }) => {
    await signInAs(users.contosoAdmin, '/signin?next=/usage');
    await expect(page.getByRole('heading', { level: 1, name: 'Consommation Azure' })).toBeVisible();
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    await expect(page.getByLabel('Période de facturation')).toContainText(`Ce mois-ci (${month})`);
    await expect(page.getByText(`Dépensé en ${month}`)).toBeVisible();
    // "856,49 €": decimal comma, the euro sign after the amount.
    await expect(page.getByTestId('usage-total')).toHaveText(/^[\d\u202f\u00a0]+,\d{2}\u00a0€$/);

    // A budget typed the French way is read the French way.
    await page.getByLabel('Budget de dépenses du mois').fill('1 000 000,50');
    await page.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await expect(page.getByText(/sur un budget de dépenses de 1\u202f000\u202f000,50\u00a0€/)).toBeVisible();
    const stored = await page.request.get(`/v1/customers/${CONTOSO}/usagebudget`);
    expect(String((await stored.json()).amount)).toBe('1000000.5');

    // The chart's figures are dated in French.
    await page.getByText('Afficher les chiffres dans un tableau').click();
    const firstDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)),
    );
    await expect(page.getByRole('table', { name: 'Coût par jour' }).getByRole('rowheader', { name: firstDay, exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Supprimer le budget' }).click();
    await expect(page.getByText('Aucun budget de dépenses n’est défini.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a user who reaches one Azure plan reads its usage and invoice lines in French', async ({ page, signInAs }) => {
    await signInAs(users.contosoLab, '/signin?next=/usage');
    await expect(page.getByRole('heading', { level: 1, name: 'Consommation Azure' })).toBeVisible();
    await expect(page.getByText(/^Ce montant ne compte que les abonnements auxquels vous avez accès\./)).toBeVisible();
    await page.getByRole('table', { name: 'Par abonnement' }).getByRole('link', { name: 'Contoso Azure plan' }).click();
    const lines = page.getByRole('table', { name: 'Lignes de facture' });
    // "12,34 €" in the total column.
    await expect(lines.locator('tbody tr').first().locator('td').last()).toHaveText(/^-?[\d\u202f\u00a0]+,\d{2}\u00a0€$/);
    await expectNoAxeViolations(page);
  });
});

test('API keys: shown once, scoped, revoked; a long resource list scrolls smoothly', async ({ page, signInAs }) => {
  await signInAs(users.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();

  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByLabel('Name (what sends with it)').fill('Fabrikam meters');
  await page.getByLabel('May send usage for').selectOption({ label: 'Fabrikam' });
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('heading', { name: 'Key “Fabrikam meters” created' })).toBeFocused();
  const key = (await page.getByTestId('new-api-key').innerText()).trim();
  expect(key).toMatch(/^pk_/);
  const row = page.getByRole('row', { name: /Fabrikam meters/ });
  await expect(row).toContainText('Fabrikam');
  await expect(row).toContainText('Active');
  await expect(row).not.toContainText(key);
  await expectNoAxeViolations(page);

  // 1,500 resources for Fabrikam in one batch; another customer's record is refused.
  const today = new Date().toISOString().slice(0, 10);
  const records = Array.from({ length: 1500 }, (_, i) => ({
    id: `e2e-scroll-${i}`,
    customerId: FABRIKAM,
    subscriptionId: FABRIKAM_PRODUCTION,
    meterId: VM_METER,
    resourceUri: `/subscriptions/${FABRIKAM_PRODUCTION}/resourceGroups/e2e/providers/Microsoft.Compute/virtualMachines/vm-${String(i).padStart(4, '0')}`,
    resourceGroup: 'e2e',
    quantity: 1,
    usageDate: today,
  }));
  records.push({ ...records[0], id: 'e2e-scroll-other', customerId: CONTOSO });
  const sent = await page.request.post('/v1/usage/records', {
    headers: { Authorization: `Bearer ${key}` },
    data: { records },
  });
  expect(sent.status()).toBe(200);
  const answer = await sent.json();
  expect(answer, JSON.stringify(answer.rejections.slice(0, 2))).toMatchObject({ accepted: 1500, duplicates: 0, rejected: 1 });

  // Only the rows in view are in the page; scrolling loads and shows the rest.
  await page.getByRole('navigation').getByRole('link', { name: /^Usage/ }).click();
  await page.getByRole('table', { name: 'All customers this period' }).getByRole('link', { name: 'Fabrikam' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Fabrikam' })).toBeFocused();
  await page.getByRole('tab', { name: 'By resource' }).click();
  await page.getByRole('button', { name: /^Resource/ }).click();
  const region = page.getByRole('region', { name: 'By resource' });
  await expect(region.getByRole('rowheader', { name: 'vm-0000' })).toBeVisible();
  await expect(page.getByText(/resources loaded; more load as you scroll/)).toBeVisible();
  await expect(async () => {
    await region.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(region.getByRole('rowheader', { name: 'vm-1499' })).toBeVisible({ timeout: 500 });
  }).toPass();
  expect(await region.locator('tbody tr').count()).toBeLessThan(80);
  await expect(page.getByText(/^1,5\d\d resources\.$/)).toBeVisible();

  // Revoked, the key stops working at once.
  await page.getByRole('navigation').getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('button', { name: 'Revoke Fabrikam meters' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the key “Fabrikam meters”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText('The key “Fabrikam meters” is revoked.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Fabrikam meters/ })).toContainText('Revoked');
  const refused = await page.request.post('/v1/usage/records', {
    headers: { Authorization: `Bearer ${key}` },
    data: { records: [{ ...records[0], id: 'e2e-after-revoke' }] },
  });
  expect(refused.status()).toBe(401);
});

test('only partner global admins manage API keys', async ({ page, signInAs }) => {
  await signInAs(users.sales, '/signin?next=/settings/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(page.getByText('Only partner global administrators manage API keys.')).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'API keys' })).toHaveCount(0);
  expect((await page.request.get('/v1/apikeys')).status()).toBe(403);
});
