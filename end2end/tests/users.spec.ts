// Managing users (seed 002): a partner admin adds a colleague, who chooses a password through
// the link and signs in; roles and deactivation take effect at once; the last global admin stays.
// A customer admin adds a user of their own, in French.
import { API_SCRIPT, expect, expectNoAxeViolations, test, users } from './fixtures/portal';
import type { Browser } from '@playwright/test';

/** An email no other test run has used: the e2e database lives as long as the run. */
const uniqueEmail = (name: string, domain: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@${domain}`;

async function otherBrowser(browser: Browser, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test('a partner admin adds a colleague, who chooses a password; then deactivates them', async ({ browser, page, signInAs, shell }) => {
  test.setTimeout(60_000);
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Users' }).click();
  await expect(shell.heading('Users')).toBeVisible();
  const table = page.getByRole('table', { name: 'Users and their roles' });
  await expect(table.getByRole('row', { name: /Avery Martin/ })).toContainText('Global admin');
  await expectNoAxeViolations(page);

  // Nothing chosen: each field says so, the first has the focus.
  await page.getByRole('button', { name: 'Add a user' }).click();
  const add = page.getByRole('dialog', { name: 'Add a user' });
  await add.getByRole('button', { name: 'Add the user' }).click();
  await expect(add.getByLabel('First name')).toBeFocused();
  await expectNoAxeViolations(page);
  const email = uniqueEmail('kim', 'northwind.example');
  await add.getByLabel('First name').fill('Kim');
  await add.getByLabel('Last name').fill('Lee');
  await add.getByLabel('Email address').fill(email);
  await add.getByRole('button', { name: 'Add the user' }).click();
  await expect(add.getByText('This field is required.')).toBeVisible();
  await add.getByLabel('Sales agent').check();
  await add.getByLabel('Email address').press('Enter');

  // Next: the link to pass on.
  const linkDialog = page.getByRole('dialog', { name: 'Password link for Kim Lee' });
  await expect(linkDialog).toContainText(`Send this link to ${email}.`);
  const url = await linkDialog.getByLabel('Password link').inputValue();
  expect(url).toMatch(/\/set-password#[A-Za-z0-9_-]{20,}$/);
  await expectNoAxeViolations(page);
  await linkDialog.getByRole('button', { name: 'Close' }).click();
  await expect(table.getByRole('row', { name: /Kim Lee/ })).toContainText('Invited, no password yet');

  // Kim, in another browser, chooses a password and is signed in.
  const kim = await otherBrowser(browser);
  await kim.page.goto(url);
  await expect(kim.page.getByRole('heading', { level: 1, name: 'Welcome to Northwind Cloud Partners on the billing portal' })).toBeVisible();
  await expectNoAxeViolations(kim.page);
  await kim.page.getByLabel('New password').fill('kims long password');
  await kim.page.getByLabel('New password').press('Enter');
  await expect(kim.page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(kim.page.getByText('Kim Lee, Sales agent')).toBeVisible();
  // Not a global admin: no Users page in the navigation.
  await expect(kim.page.getByRole('navigation').getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.reload();
  await expect(table.getByRole('row', { name: /Kim Lee/ })).toContainText('Active');
  // Deactivated: Kim's next request ends her session.
  await page.getByRole('button', { name: 'Deactivate Kim Lee' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate Kim Lee?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kim Lee is updated.' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Kim Lee/ })).toContainText('Deactivated');
  await kim.page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
  await expect(kim.page.getByRole('heading', { level: 1, name: /sign in to the billing portal/i })).toBeVisible();
  await kim.context.close();

  // Each step is in the activity log, newest first, and exports as CSV.
  await shell.nav.getByRole('link', { name: 'Activity' }).click();
  await page.getByLabel('Kind of change').selectOption({ label: 'Users and roles' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const log = page.getByRole('table', { name: 'Changes, newest first' });
  const kimRows = log.getByRole('row').filter({ hasText: `Kim Lee <${email}>` });
  await expect(kimRows.first()).toContainText('User deactivated');
  await expect(kimRows.filter({ hasText: 'User added' })).toContainText('Avery Martin <admin@northwind.example>');
  await expect(kimRows.filter({ hasText: 'Password chosen' })).toHaveCount(1);
  await expectNoAxeViolations(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  expect((await download).suggestedFilename()).toBe('activity.csv');
  await shell.nav.getByRole('link', { name: 'Users' }).click();

  // The last global admin cannot step down.
  await page.getByRole('button', { name: 'Change the roles of Avery Martin' }).click();
  const roles = page.getByRole('dialog', { name: 'Roles of Avery Martin' });
  await expectNoAxeViolations(page);
  await roles.getByLabel('Global admin').uncheck();
  await roles.getByLabel('Admin agent').check();
  await roles.getByRole('button', { name: 'Save' }).click();
  await expect(roles.getByRole('alert')).toHaveText('This is the last active administrator: make someone else an administrator first.');
  await roles.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Change the roles of Avery Martin' })).toBeFocused();
});

test('a customer admin gives a colleague Reader on one subscription, and the colleague sees only it', async ({ browser, page, signInAs }) => {
  test.setTimeout(60_000);
  await signInAs(users.contosoAdmin);
  // The colleague: a Contoso user with no role of their own yet (added through the API here;
  // the Users section does the same).
  const email = uniqueEmail('noe', 'contoso.example');
  const added = await page.request.post(`/v1/customers/3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01/users`, {
    headers: API_SCRIPT,
    data: {
      userPrincipalName: email, firstName: 'Noé', lastName: 'Petit', displayName: 'Noé Petit', usageLocation: 'FR',
      passwordProfile: { forceChangePassword: false, password: 'noé has a long password' },
    },
  });
  expect(added.status()).toBe(201);
  const noe = await added.json();
  const removed = await page.request.delete(
    `/v1/customers/3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01/directoryroles/customer_reader/usermembers/${noe.id}`,
    { headers: API_SCRIPT },
  );
  expect(removed.status()).toBe(204);

  // The seed's "Access control" steps, on the subscription's page.
  await page.goto('/subscriptions');
  await page.getByRole('link', { name: 'Contoso Business Standard' }).click();
  const access = page.getByRole('region', { name: 'Access control' });
  await access.getByLabel('User').selectOption({ label: `Noé Petit (${email})` });
  await access.getByLabel('Role').selectOption({ label: 'Reader' });
  await access.getByRole('button', { name: 'Give access' }).click();
  await expect(access.getByRole('status')).toHaveText('Noé Petit now has access to this subscription.');
  await expect(access.getByRole('row', { name: /Noé Petit/ })).toContainText('Reader');
  await expectNoAxeViolations(page);

  const colleague = await otherBrowser(browser);
  await colleague.page.goto('/signin');
  await colleague.page.getByLabel(/email address/i).fill(email);
  await colleague.page.getByLabel(/^password$/i).fill('noé has a long password');
  await colleague.page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(colleague.page.getByText('You have access to some of your organization’s subscriptions only.')).toBeVisible();
  const nav = colleague.page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Orders' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Invoices' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Subscriptions' }).click();
  const list = colleague.page.getByRole('table');
  await expect(list.getByRole('link', { name: 'Contoso Business Standard' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Contoso Azure plan' })).toHaveCount(0);
  await list.getByRole('link', { name: 'Contoso Business Standard' }).click();
  await expect(colleague.page.getByRole('heading', { level: 1, name: 'Contoso Business Standard' })).toBeVisible();
  // A reader changes nothing.
  await expect(colleague.page.getByRole('button', { name: /Change the quantity|Rename/ })).toHaveCount(0);
  await expectNoAxeViolations(colleague.page);
  await colleague.context.close();

  // Taken back.
  await access.getByRole('button', { name: 'Remove the access of Noé Petit' }).click();
  await expect(access.getByRole('status')).toHaveText('Noé Petit no longer has access to this subscription.');
});

test('sales agents have no Users page', async ({ page, signInAs }) => {
  await signInAs(users.sales);
  await page.goto('/settings/users');
  await expect(page.getByText('Only administrators manage users.')).toBeVisible();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('a customer admin adds a reader, who chooses a password', async ({ browser, page, signInAs }) => {
    await signInAs(users.contosoAdmin);
    await page.getByRole('navigation').getByRole('link', { name: 'Compte' }).click();
    const section = page.getByRole('region', { name: 'Utilisateurs' });
    await expect(section.getByRole('row', { name: /Louis Bernard/ })).toContainText('Lecteur client');
    await section.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
    const add = page.getByRole('dialog', { name: 'Ajouter un utilisateur' });
    const email = uniqueEmail('ines', 'contoso.example');
    await add.getByLabel('Prénom').fill('Inès');
    await add.getByLabel('Nom de famille').fill('Moreau');
    await add.getByLabel('Adresse e-mail').fill(email);
    await add.getByLabel('Lecteur client').check();
    await add.getByRole('button', { name: 'Ajouter l’utilisateur' }).click();
    const linkDialog = page.getByRole('dialog', { name: 'Lien de mot de passe pour Inès Moreau' });
    const url = await linkDialog.getByLabel('Lien de mot de passe').inputValue();
    await expectNoAxeViolations(page);
    await linkDialog.getByRole('button', { name: 'Fermer' }).click();
    await expect(section.getByRole('row', { name: /Inès Moreau/ })).toContainText('Invité, sans mot de passe');

    const ines = await otherBrowser(browser, 'fr-FR');
    await ines.page.goto(url);
    await expect(ines.page.getByRole('heading', { level: 1, name: 'Bienvenue chez Contoso sur le portail de facturation' })).toBeVisible();
    await ines.page.getByLabel('Nouveau mot de passe').fill('court');
    await ines.page.getByLabel('Nouveau mot de passe').press('Enter');
    await expect(ines.page.getByText('Utilisez au moins 12 caractères.')).toBeVisible();
    await expectNoAxeViolations(ines.page);
    await ines.page.getByLabel('Nouveau mot de passe').fill('un mot de passe assez long');
    await ines.page.getByLabel('Nouveau mot de passe').press('Enter');
    await expect(ines.page.getByRole('heading', { level: 1, name: 'Vue d’ensemble' })).toBeVisible();
    // A reader: no users to manage on the account page.
    await ines.page.goto('/account');
    await expect(ines.page.getByRole('heading', { level: 2, name: 'Votre organisation' })).toBeVisible();
    await expect(ines.page.getByRole('region', { name: 'Utilisateurs' })).toHaveCount(0);
    await ines.context.close();
  });
});
