import { expect, expectNoAxeViolations, test, users, API_SCRIPT } from './fixtures/portal';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const CONTOSO = '3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01';

/** Contoso's latest invoice (October, left outstanding by the demo data), as the API has it. */
async function contosoLatest(page: Page) {
  const response = await page.request.get('/v1/invoices?size=10');
  expect(response.status()).toBe(200);
  const invoices = (await response.json()).items.filter((i: { customerId: string }) => i.customerId === CONTOSO);
  expect(invoices.length).toBe(3);
  return invoices[0];
}

test('Contoso opens its last invoice, scrolls its lines to the end, and downloads the CSV and PDF', async ({
  page,
  signInAs,
}) => {
  await signInAs(users.contosoReader);
  await page.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  const latest = await contosoLatest(page);
  const table = page.getByRole('table', { name: 'Invoices and notes' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expectNoAxeViolations(page);

  await table.getByRole('link', { name: latest.id }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${latest.id}` })).toBeVisible();
  const eur = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
  await expect(page.getByTestId('invoice-total')).toHaveText(eur.format(latest.totalCharges));
  // A reader sees the invoice but cannot record payments, here or through the API.
  await expect(page.getByRole('heading', { name: 'Record a payment' })).toHaveCount(0);
  const refused = await page.request.post(`/v1/invoices/${latest.id}/payments`, { headers: API_SCRIPT, data: { amount: 1 } });
  expect(refused.status()).toBe(403);
  // The licence lines link to their subscriptions.
  const licences = page.getByRole('table', { name: 'Licences' });
  await expect(licences.getByRole('link', { name: /Microsoft 365 Business Standard/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The usage tab: the daily lines scroll to the last one, with only a window of rows rendered.
  await page.getByRole('tab', { name: 'Usage' }).click();
  const lines = page.getByTestId('usage-lines');
  await expect(lines.locator('tbody tr[aria-rowindex]').first()).toBeVisible();
  const count: number = latest.usageLineCount;
  expect(count).toBeGreaterThan(300);
  await expect(page.getByTestId('usage-lines-status')).toHaveText(`${count} lines.`);
  await lines.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(lines.locator(`tr[aria-rowindex="${count + 1}"]`)).toBeVisible();
  expect(await lines.locator('tbody tr').count()).toBeLessThan(80);
  // Sorted by cost, biggest first, by the server.
  await lines.getByRole('button', { name: 'Total' }).click();
  await expect(lines.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  await expectNoAxeViolations(page);

  // The CSV export holds a heading and every usage line.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export usage lines (CSV)' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe(`${latest.id}_usage_line_items.csv`);
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.trimEnd().split('\r\n').length).toBe(count + 1);

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PDF' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`Invoice_${latest.id}.pdf`);
  expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
});

test('a billing admin records a payment and the balance follows', async ({ page, signInAs }) => {
  await signInAs(users.billing);
  const latest = await contosoLatest(page);
  await page.goto(`/invoices/${latest.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${latest.id}` })).toBeVisible();
  const form = page.getByRole('heading', { name: 'Record a payment' });
  await expect(form).toBeVisible();
  // More than the balance is refused, naming what to do; nothing is recorded.
  await page.getByLabel('Amount received').fill('99999999');
  await page.getByRole('button', { name: 'Record a payment' }).click();
  await expect(page.getByText('no more than what is left to pay')).toBeVisible();
  await page.getByLabel('Amount received').fill('100');
  await page.getByLabel('Reference').fill('Wire 2026-11');
  await page.getByRole('button', { name: 'Record a payment' }).click();
  // Recorded (the page lists it) before the API is asked for the new balance: asking as soon
  // as the button is clicked could read the invoice before the payment reached the server.
  await expect(page.getByRole('table', { name: 'Payments' }).getByText('Wire 2026-11')).toBeVisible();
  const eur = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
  const after = await (await page.request.get(`/v1/invoices/${latest.id}`)).json();
  await expect(page.getByTestId('invoice-balance')).toHaveText(eur.format(after.balanceAmount));
  expect(after.balanceAmount).toBeLessThan(latest.balanceAmount);
  await expectNoAxeViolations(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the invoice list and an invoice read in French, with French money', async ({ page, signInAs }) => {
    await signInAs(users.contosoAdmin);
    await page.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Factures' })).toBeVisible();
    const latest = await contosoLatest(page);
    await page.getByRole('table', { name: 'Factures et avoirs' }).getByRole('link', { name: latest.id }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Facture ${latest.id}` })).toBeVisible();
    const eur = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    await expect(page.getByTestId('invoice-total')).toHaveText(eur.format(latest.totalCharges));
    await expect(page.getByRole('tab', { name: 'Consommation' })).toBeVisible();
    // Dates in the lines are French ("1 oct. 2026"), not ISO.
    const start = new Date(latest.billingPeriodStartDate);
    const frDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(start);
    await expect(page.getByRole('cell', { name: frDay, exact: true }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: /^\d{4}-\d{2}-\d{2}$/ })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto('/invoices/unbilled');
    await expect(page.getByRole('heading', { level: 1, name: 'Estimation du mois en cours' })).toBeVisible();
    await expect(page.getByTestId('estimate-total')).toContainText('€');
    await expect(page.getByText(/^Chaque ligne de consommation \(une par plan Azure et compteur\) est arrondie au centime/)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

const FABRIKAM = '9b2e4d6f-1a3c-4e5f-8b7d-2c4e6a8f0b02';

/** Fabrikam's invoices, newest first: the latest is left outstanding by the demo data. */
async function fabrikamInvoices(page: Page) {
  const response = await page.request.get('/v1/invoices?size=20');
  expect(response.status()).toBe(200);
  const all = (await response.json()).items;
  return all.filter((i: { customerId: string; documentType: string }) => i.customerId === FABRIKAM && i.documentType === 'invoice');
}

test('a billing admin voids an unpaid invoice, keyboard only, and the void note opens', async ({ page, signInAs }) => {
  await signInAs(users.billing);
  const latest = (await fabrikamInvoices(page))[0];
  expect(latest.status).toBe('outstanding');
  await page.goto(`/invoices/${latest.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${latest.id}` })).toBeVisible();

  const opener = page.getByRole('button', { name: 'Issue a correction note' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Correct invoice ${latest.id}` });
  await expect(dialog.getByLabel('Void note')).toBeChecked();
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  await expect(dialog).toContainText(`the customer no longer owes the ${usd.format(latest.totalCharges)} of this invoice`);
  await expect(dialog).toContainText('It takes the next number of the year’s invoices');
  // Without a reason nothing is issued, and the field says why.
  await dialog.getByRole('button', { name: 'Issue the note' }).click();
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await expect(dialog.getByLabel('Reason')).toHaveAccessibleDescription(/Enter the reason/);
  await expectNoAxeViolations(page);
  await page.keyboard.type('Billed twice');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: /^Void note INV-\d{4}-\d{6}$/ })).toBeVisible();
  await expect(page.getByRole('link', { name: latest.id })).toBeVisible();
  await expect(page.getByText('Billed twice')).toBeVisible();
  const voided = await (await page.request.get(`/v1/invoices/${latest.id}`)).json();
  expect(voided.status).toBe('voided');
  await page.goto(`/invoices/${latest.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${latest.id}` })).toBeVisible();
  // Voided, it is corrected no more.
  await expect(page.getByRole('button', { name: 'Issue a correction note' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test.describe('corrections in French', () => {
  test.use({ locale: 'fr-FR' });

  test('une facture payée ne s’annule pas : elle se régularise', async ({ page, signInAs }) => {
    await signInAs(users.billing);
    const paid = (await fabrikamInvoices(page)).find((i: { status: string }) => i.status === 'paid');
    await page.goto(`/invoices/${paid.id}`);
    await page.getByRole('button', { name: 'Émettre une correction' }).click();
    const dialog = page.getByRole('dialog', { name: `Corriger la facture ${paid.id}` });
    await expect(dialog.getByLabel('Avoir d’annulation')).toBeDisabled();
    await expect(dialog).toContainText('Cette facture a des paiements : elle ne peut pas être annulée.');
    await expect(dialog.getByLabel('Note de régularisation')).toBeChecked();
    await dialog.getByLabel('Montant hors taxes').fill('0');
    await dialog.getByLabel('Motif').fill('Geste commercial');
    await dialog.getByRole('button', { name: 'Émettre le document' }).click();
    await expect(dialog.getByText('Saisissez un montant différent de zéro, en centimes entiers.')).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Montant hors taxes').fill('-10');
    await dialog.getByRole('button', { name: 'Émettre le document' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Note de régularisation INV-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(page.getByText('Geste commercial')).toBeVisible();
  });
});
