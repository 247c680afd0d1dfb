// Creating a customer (seed 002): the form's own checks, the server's (a domain already taken),
// and the customer waiting for acceptance afterwards. In English and French.
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

/** A domain no other test run has used: the e2e database lives as long as the run. */
const uniqueDomain = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}.example`;

test('a partner admin creates Adventure Works, which waits for acceptance', async ({ page, signInAs }) => {
  await signInAs(users.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const opener = page.getByRole('button', { name: 'New customer' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing typed: each required field says so, and the first one has the focus.
  await dialog.getByRole('button', { name: 'Create the customer' }).click();
  await expect(dialog.getByLabel('Company name')).toBeFocused();
  await expect(dialog.getByText('This field is required.').first()).toBeVisible();

  const domain = uniqueDomain('adventure-works');
  await dialog.getByLabel('Company name').fill('Adventure Works');
  await dialog.getByLabel(/^Domain/).fill('adventure works');
  await dialog.getByLabel('Contact’s first name').fill('Camille');
  await dialog.getByLabel('Contact’s last name').fill('Martin');
  await dialog.getByLabel('Contact’s email').fill('compta@adventure-works.example');
  await dialog.getByLabel('Address').fill('1 rue de la Paix');
  await dialog.getByLabel('City').fill('Paris');
  await dialog.getByLabel('Postal code').fill('75002');
  await dialog.getByRole('button', { name: 'Create the customer' }).click();
  await expect(dialog.getByLabel(/^Domain/)).toBeFocused();
  await expect(dialog.getByText('Enter a domain name such as contoso.com.')).toBeVisible();

  await dialog.getByLabel(/^Domain/).fill(domain);
  // A VAT number of another country is refused beside its field; one copied with spaces is fine.
  const vat = dialog.getByLabel(/^VAT number/);
  await vat.fill('DE123456789');
  await dialog.getByRole('button', { name: 'Create the customer' }).click();
  await expect(vat).toBeFocused();
  await expect(vat).toHaveAccessibleDescription(/starts with the country’s code/);
  await vat.fill('FR40 123 456 789');
  // The keyboard submits the form as well as the button does.
  await dialog.getByLabel('Postal code').press('Enter');
  await expect(dialog).toBeHidden();
  // What comes next opens by itself: the invitation for its first admin (relationships.spec.ts).
  await page.getByRole('dialog', { name: 'Invitation for Adventure Works’s administrator' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Adventure Works is created.' })).toBeVisible();
  // The list now shows the customers waiting for an answer, this one among them.
  await expect(page.getByLabel('Relationship')).toHaveValue('pending');
  const waiting = page.getByRole('table', { name: 'Customers: Waiting for an answer' });
  const row = waiting.getByRole('row').filter({ hasText: domain });
  await expect(row).toContainText('Adventure Works');
  await expect(row).toContainText('France');
  // Its Microsoft ID (tenant id) is shown for the partner to look it up.
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^[0-9a-f-]{36}$/);
  // Not among the customers the partner works for, nor in the customer switcher.
  await page.getByLabel('Relationship').selectOption('active');
  await expect(page.getByRole('table', { name: 'Customers you resell to' })).not.toContainText(domain);
  await expectNoAxeViolations(page);

  // The same domain again: the server refuses it, beside the domain field.
  await opener.click();
  await dialog.getByLabel('Company name').fill('Adventure Works (again)');
  await dialog.getByLabel(/^Domain/).fill(domain.toUpperCase());
  await dialog.getByLabel('Contact’s first name').fill('Camille');
  await dialog.getByLabel('Contact’s last name').fill('Martin');
  await dialog.getByLabel('Contact’s email').fill('compta@adventure-works.example');
  await dialog.getByLabel('Address').fill('1 rue de la Paix');
  await dialog.getByLabel('City').fill('Paris');
  await dialog.getByLabel('Postal code').fill('75002');
  await dialog.getByRole('button', { name: 'Create the customer' }).click();
  await expect(dialog.getByText('Another customer already has this domain.')).toBeVisible();
  await expect(dialog.getByLabel(/^Domain/)).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(opener).toBeFocused();
});

test('a partner finds a customer by name, domain or Microsoft ID, and opens it', async ({ page, signInAs }) => {
  await signInAs(users.sales);
  await page.goto('/customers');
  const search = page.getByRole('searchbox', { name: 'Search by name, domain or Microsoft ID' });
  await search.fill('FABRIKAM.example');
  await search.press('Enter');
  const table = page.getByRole('table', { name: 'Customers you resell to' });
  await expect(table.getByRole('rowheader')).toHaveText(['Fabrikam']);
  await search.fill('3c1f6a7e');
  await search.press('Enter');
  await expect(table.getByRole('rowheader')).toHaveText(['Contoso']);
  await search.fill('nobody-has-this');
  await search.press('Enter');
  await expect(page.getByText('No customers match this search and relationship.')).toBeVisible();
  await search.fill('contoso');
  await search.press('Enter');
  await table.getByRole('link', { name: 'Contoso' }).click();

  // The customer's page: its account, the relationship, its subscriptions, its Azure portal.
  await expect(page.getByRole('heading', { level: 1, name: 'Contoso' })).toBeVisible();
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account).toContainText('3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01');
  // Its address and VAT number, as its invoices print them.
  await expect(account).toContainText('8 rue de la Paix, 75002, Paris');
  await expect(account).toContainText('VAT numberFR32552081317');
  const relationship = page.getByRole('region', { name: 'Relationship' });
  await expect(relationship).toContainText('Active');
  await expect(relationship).toContainText('Purchasing');
  await expect(page.getByRole('region', { name: 'Subscriptions' }).getByRole('rowheader').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Microsoft Azure Management Portal' })).toHaveAttribute(
    'href',
    'https://portal.azure.com/#@3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01',
  );
  // Sales agents do not end relationships.
  await expect(page.getByRole('button', { name: 'End the relationship' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Put in view' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
});

test('sales agents see the customers but cannot create one', async ({ page, signInAs }) => {
  await signInAs(users.sales);
  await page.goto('/customers');
  await expect(page.getByRole('table', { name: 'Customers you resell to' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New customer' })).toHaveCount(0);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the new customer form speaks French', async ({ page, signInAs }) => {
    await signInAs(users.admin);
    await page.goto('/customers');
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau client' });
    await dialog.getByLabel('Raison sociale').fill('Aventure');
    await dialog.getByLabel(/^Domaine/).fill('aventure');
    await dialog.getByRole('button', { name: 'Créer le client' }).click();
    await expect(dialog.getByText('Saisissez un nom de domaine comme contoso.fr.')).toBeVisible();
    await expect(dialog.getByLabel('Pays')).toHaveValue('FR');
    await expectNoAxeViolations(page);
  });
});
