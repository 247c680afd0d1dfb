// Delegated admin (seed 002): the partner creates a customer and passes on its invitation; the
// customer's first admin, in another browser, sets a password and accepts; the partner then
// buys for the customer; the customer's admin ends the relationship and the partner loses it.
// Also declining, in French, and the partner's general request link.
import { API_SCRIPT, expect, expectNoAxeViolations, test, users } from './fixtures/portal';
import type { Browser, Page } from '@playwright/test';

/** A domain no other test run has used: the e2e database lives as long as the run. */
const uniqueDomain = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}.example`;

/** Creates a customer through the form, as the signed-in partner admin, and returns the
 * invitation link the dialog then shows. */
async function createCustomer(page: Page, company: string, domain: string, email: string) {
  await page.goto('/customers');
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('dialog', { name: 'New customer' });
  await form.getByLabel('Company name').fill(company);
  await form.getByLabel(/^Domain/).fill(domain);
  await form.getByLabel('Contact’s first name').fill('Jordan');
  await form.getByLabel('Contact’s last name').fill('Lee');
  await form.getByLabel('Contact’s email').fill(email);
  await form.getByLabel('Address').fill('1 Main Street');
  await form.getByLabel('City').fill('Seattle');
  await form.getByLabel('Postal code').fill('98101');
  await form.getByLabel('Country').selectOption('US');
  await form.getByLabel('Language of the contact and documents').selectOption('en');
  await form.getByRole('button', { name: 'Create the customer' }).click();
  // What comes next opens by itself: the link for the customer's first admin.
  const invitation = page.getByRole('dialog', { name: `Invitation for ${company}’s administrator` });
  await expect(invitation).toBeVisible();
  await expect(invitation).toContainText(`Send this link to ${email}.`);
  await expect(invitation).toContainText('It was not emailed');
  const link = invitation.getByLabel('Invitation link');
  await expect(link).toHaveValue(/\/invitation#[A-Za-z0-9_-]{20,}$/);
  return { dialog: invitation, url: await link.inputValue() };
}

/** A second browser, signed in as nobody, with its own cookies. */
async function otherBrowser(browser: Browser, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test('a new customer accepts the invitation, the partner buys for it, then the customer ends it', async ({
  browser,
  page,
  signInAs,
  shell,
}) => {
  test.setTimeout(90_000);
  await signInAs(users.admin);
  const domain = uniqueDomain('adventure-works');
  const email = `jordan@${domain}`;
  const { dialog, url } = await createCustomer(page, 'Adventure Works', domain, email);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const waiting = page.getByRole('table', { name: 'Customers: Waiting for an answer' });
  await expect(waiting.getByRole('row').filter({ hasText: domain })).toContainText('Waiting for an answer');

  // The invitee opens the link in their own browser.
  const invitee = await otherBrowser(browser);
  await invitee.page.goto(url);
  await expect(invitee.page.getByRole('heading', { level: 1, name: 'Northwind Cloud Partners invites you to the billing portal' })).toBeVisible();
  await expect(invitee.page.getByText('Northwind Cloud Partners asks to act for Adventure Works as its reseller.')).toBeVisible();
  await expect(invitee.page.getByRole('listitem').filter({ hasText: 'see your usage, budgets and invoices' })).toBeVisible();
  await expect(invitee.page.getByText('This lasts 730 days (two years).')).toBeVisible();
  await expect(invitee.page.getByText(`sign in as ${email}`)).toBeVisible();
  await expectNoAxeViolations(invitee.page);

  // By keyboard: a password that is too short is refused before anything is sent.
  await invitee.page.getByLabel('Your name').fill('Jordan Lee');
  await invitee.page.getByLabel('Choose a password').fill('too-short');
  await invitee.page.getByLabel('Choose a password').press('Enter');
  await expect(invitee.page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(invitee.page.getByLabel('Choose a password')).toBeFocused();
  await invitee.page.getByLabel('Choose a password').fill('a long enough secret');
  await invitee.page.getByLabel('Choose a password').press('Enter');

  // Signed in, on their account page, with the partner active.
  await expect(invitee.page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  const partners = invitee.page.getByRole('table', { name: 'Partners who act, or have acted, for your organization' });
  await expect(partners.getByRole('row', { name: /Northwind Cloud Partners/ })).toContainText('Active');
  await expect(invitee.page.getByRole('region', { name: 'Your organization' })).toContainText(domain);
  await expectNoAxeViolations(invitee.page);

  // The link was for one use.
  const again = await otherBrowser(browser);
  await again.page.goto(url);
  await expect(again.page.getByText('This invitation has been accepted already.')).toBeVisible();
  await again.context.close();

  // The partner now sees the customer and buys for it.
  const listed = await (await page.request.get('/v1/customers?size=500')).json();
  const customerId = listed.items.find((c: { companyProfile: { domain: string } }) => c.companyProfile.domain === domain).id;
  await page.goto('/customers');
  const customers = page.getByRole('table', { name: 'Customers you resell to' });
  await expect(customers.getByRole('row', { name: /Adventure Works/ }).filter({ hasText: domain })).toBeVisible();
  await customers
    .getByRole('row')
    .filter({ hasText: domain })
    .getByRole('button', { name: 'View Adventure Works' })
    .click();
  await page.goto('/pricing');
  await expect(page.getByText('What Adventure Works can buy, in its billing currency.')).toBeVisible();
  const standard = page.getByRole('article', { name: 'Microsoft 365 Business Standard' });
  await standard.getByLabel('Number of users').fill('3');
  await standard.getByRole('button', { name: 'Add to cart' }).click();
  await expect(standard.getByRole('status')).toContainText('is in the cart');
  await shell.nav.getByRole('link', { name: 'Cart (1)' }).click();
  await page.getByRole('button', { name: 'Review the order' }).click();
  await page.getByRole('button', { name: 'Place the order' }).click();
  await expect(shell.heading('Order placed')).toBeVisible();

  // The customer's admin ends the relationship; the partner loses access at once.
  await invitee.page.getByRole('button', { name: 'End the relationship with Northwind Cloud Partners' }).click();
  const confirm = invitee.page.getByRole('dialog', { name: 'End the relationship with Northwind Cloud Partners?' });
  await expect(confirm).toContainText('Your subscriptions stay as they are.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(invitee.page);
  await confirm.getByRole('button', { name: 'End the relationship' }).click();
  await expect(invitee.page.getByRole('status').filter({ hasText: 'The relationship with Northwind Cloud Partners has ended.' })).toBeVisible();
  await expect(partners.getByRole('row', { name: /Northwind Cloud Partners/ })).toContainText('Ended');
  // The customer keeps what was bought.
  await invitee.page.getByRole('navigation').getByRole('link', { name: 'Subscriptions' }).click();
  await expect(invitee.page.getByRole('row', { name: /Microsoft 365 Business Standard/ })).toBeVisible();
  await invitee.context.close();

  const gone = await page.request.get(`/v1/customers/${customerId}/subscriptions`);
  expect(gone.status()).toBe(404);
  await page.goto('/customers');
  await expect(page.getByRole('table', { name: 'Customers you resell to' })).not.toContainText(domain);
});

test('the partner shows its request link', async ({ page, signInAs }) => {
  await signInAs(users.admin);
  await page.goto('/customers');
  const opener = page.getByRole('button', { name: 'Request a relationship' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Your relationship request link' });
  await expect(dialog.getByLabel('Request link')).toHaveValue(/\/partner-request\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(opener).toBeFocused();
});

test('a customer that has a reseller is told it cannot accept a second one', async ({ page, signInAs }) => {
  await signInAs(users.fabrikamAdmin);
  // Fabrikam works with Northwind already: opening Northwind's own link says so.
  await page.goto('/partner-request/5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01');
  await expect(page.getByRole('heading', { level: 2, name: 'Northwind Cloud Partners asks to be your reseller' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Northwind Cloud Partners already acts for your organization.' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('an invitee declines, and the partner sees it declined', async ({ browser, page, signInAs }) => {
    await signInAs(users.admin);
    const domain = uniqueDomain('tailwind');
    // The partner's side in French too: create and invite through the API to keep this short.
    const created = await page.request.post('/v1/customers', {
      headers: API_SCRIPT,
      data: {
        companyProfile: { domain, companyName: 'Tailwind Traders' },
        billingProfile: {
          email: `alex@${domain}`,
          culture: 'fr-FR',
          language: 'fr',
          defaultAddress: { country: 'FR', addressLine1: '2 rue Neuve', city: 'Lyon', postalCode: '69001', firstName: 'Alex', lastName: 'Roux' },
        },
      },
    });
    expect(created.status()).toBe(201);
    const customer = await created.json();
    const invited = await page.request.post('/v1/invitations', { headers: API_SCRIPT, data: { customerId: customer.id } });
    expect(invited.status()).toBe(201);
    const { url } = await invited.json();

    const invitee = await otherBrowser(browser, 'fr-FR');
    await invitee.page.goto(url);
    await expect(invitee.page.getByRole('heading', { level: 1, name: 'Northwind Cloud Partners vous invite sur le portail de facturation' })).toBeVisible();
    await expect(invitee.page.getByText('Cela dure 730 jours (deux ans).')).toBeVisible();
    await expectNoAxeViolations(invitee.page);
    const decline = invitee.page.getByRole('button', { name: 'Refuser' });
    await decline.focus();
    await invitee.page.keyboard.press('Enter');
    await expect(invitee.page.getByRole('status').filter({ hasText: 'Vous avez refusé. Northwind Cloud Partners n’a aucun accès à votre organisation.' })).toBeVisible();
    await invitee.page.reload();
    await expect(invitee.page.getByText('Cette invitation a été refusée.')).toBeVisible();
    await invitee.context.close();

    await page.goto('/customers');
    await page.getByLabel('Relation').selectOption('declined');
    const waiting = page.getByRole('table', { name: 'Clients : Refusée' });
    await expect(waiting.getByRole('row').filter({ hasText: domain })).toContainText('Refusée');
    // A new link can be asked for: the earlier one stops working.
    await waiting.getByRole('button', { name: 'Lien d’invitation pour Tailwind Traders' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invitation pour l’administrateur de Tailwind Traders' });
    await expect(dialog.getByLabel('Lien d’invitation')).toHaveValue(/\/invitation#/);
    await expectNoAxeViolations(page);
  });
});

