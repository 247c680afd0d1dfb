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
  // The keyboard submits the form as well as the button does.
  await dialog.getByLabel('Postal code').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Adventure Works is created.' })).toBeVisible();
  const waiting = page.getByRole('region', { name: 'Waiting for acceptance' });
  const row = waiting.getByRole('row').filter({ hasText: domain });
  await expect(row).toContainText('Adventure Works');
  await expect(row).toContainText('France');
  // Its Microsoft ID (tenant id) is shown for the partner to look it up.
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^[0-9a-f-]{36}$/);
  // Not among the customers the partner works for, nor in the customer switcher.
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
