// The subscription pages: the list, the detail in plain words, and every change confirmed in a
// dialog that says what it costs or refunds. Each test that changes something buys its own
// subscription first, so the tests can run in parallel on the shared demo database.
import { expect, expectNoAxeViolations, test, users, API_SCRIPT, SignInPage, Shell } from './fixtures/portal';
import type { Page } from '@playwright/test';

const CONTOSO = '3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01';
const CONTOSO_AZURE_PLAN = '5ab0c0e1-0000-4000-8000-00000000a001';
const FABRIKAM_AZURE_PLAN = '5ab0c0e1-0000-4000-8000-00000000b001';
/** Microsoft 365 E3 in France (Contoso's country), one year billed monthly. */
const E3_FR = 'CFQ7TTC0LFLX:0001:CFQ7TTC0LFLF';

const words = {
  en: {
    nav: 'Subscriptions',
    allSubscriptions: 'All subscriptions',
    rename: 'Rename',
    quantity: 'Change the quantity',
    cancel: 'Cancel the subscription',
    suspend: 'Suspend',
    close: 'Close',
    name: 'Name',
    users: 'Number of users',
    search: 'Search by name',
    status: 'Status',
    suspended: 'Suspended',
    noMatch: 'No subscription matches this search and status.',
    renamed: (name: string) => `Renamed to “${name}”.`,
    historyRenamed: (from: string, to: string) => `Renamed from “${from}” to “${to}”`,
    quantityNow: (n: number) => `The quantity is now ${n}.`,
    historyQuantity: (from: number, to: number) => `Quantity changed from ${from} to ${to}`,
    charged: /^(.+) will be charged now: the added units from today to/,
    fullRefundUntil: /Cancellable with a full refund until .+; Cancellable with a prorated refund until/,
    refunded: /stops now and (.+) is refunded: everything charged so far/,
    cancelled: 'The subscription is cancelled.',
    cancelledBadge: 'Cancelled',
    refundedAmount: (amount: string) => `${amount} refunded`,
    bought: /^Bought, quantity 3$/,
    historyCancelled: 'Cancelled',
    blocked: 'This Azure plan still has active Azure subscriptions: Contoso Lab, Contoso Production. Cancel them first, then suspend the plan.',
    readOnly: 'Your role can view this subscription but not change it.',
    changedMeanwhile: 'Someone changed this subscription meanwhile. It has been reloaded: review the change, then confirm again.',
    waiting: /Too many requests for this customer right now. The portal tries again in 1 s./,
  },
  fr: {
    nav: 'Abonnements',
    allSubscriptions: 'Tous les abonnements',
    rename: 'Renommer',
    quantity: 'Modifier la quantité',
    cancel: 'Résilier l’abonnement',
    suspend: 'Suspendre',
    close: 'Fermer',
    name: 'Nom',
    users: 'Nombre d’utilisateurs',
    search: 'Rechercher par nom',
    status: 'État',
    suspended: 'Suspendu',
    noMatch: 'Aucun abonnement ne correspond à cette recherche et à ce statut.',
    renamed: (name: string) => `Renommé en « ${name} ».`,
    historyRenamed: (from: string, to: string) => `Renommé de « ${from} » en « ${to} »`,
    quantityNow: (n: number) => `La quantité est maintenant de ${n}.`,
    historyQuantity: (from: number, to: number) => `Quantité modifiée de ${from} à ${to}`,
    charged: /^(.+) seront facturés maintenant : les unités ajoutées, d’aujourd’hui au/,
    fullRefundUntil: /Résiliable avec remboursement intégral jusqu’au .+; Résiliable avec remboursement au prorata jusqu’au/,
    refunded: /s’arrête maintenant et (.+) sont remboursés : tout ce qui a été facturé/,
    cancelled: 'L’abonnement est résilié.',
    cancelledBadge: 'Résilié',
    refundedAmount: (amount: string) => `${amount} remboursés`,
    bought: /^Acheté, quantité 3$/,
    historyCancelled: 'Résilié',
    blocked: 'Ce plan Azure a encore des abonnements Azure actifs : Contoso Lab, Contoso Production. Résiliez-les d’abord, puis suspendez le plan.',
    readOnly: 'Votre rôle permet de consulter cet abonnement, pas de le modifier.',
    changedMeanwhile: 'Quelqu’un a modifié cet abonnement entre-temps. Il a été rechargé : vérifiez le changement, puis confirmez à nouveau.',
    waiting: /Trop de requêtes pour ce client en ce moment. Le portail réessaie dans 1 s./,
  },
} as const;

/**
 * Buys `quantity` E3 licences for Contoso through the API (cart, checkout), as the signed-in
 * user, and waits until the subscription is provisioned. Returns it.
 */
async function buyLicences(page: Page, quantity: number) {
  const cart = await page.request.post(`/v1/customers/${CONTOSO}/carts`, {
    headers: API_SCRIPT,
    data: { lineItems: [{ catalogItemId: E3_FR, quantity, billingCycle: 'monthly', termDuration: 'P1Y' }] },
  });
  expect(cart.status()).toBe(201);
  const checkout = await page.request.post(`/v1/customers/${CONTOSO}/carts/${(await cart.json()).id}/checkout`, {
    headers: { ...API_SCRIPT, 'MS-RequestId': crypto.randomUUID() },
  });
  const orderId = (await checkout.json()).orders[0].id;
  let subscription;
  await expect(async () => {
    const list = await page.request.get(`/v1/customers/${CONTOSO}/subscriptions?order_id=${orderId}`);
    subscription = (await list.json()).items[0];
    expect(subscription?.status).toBe('active');
  }).toPass({ timeout: 15_000 });
  return subscription as unknown as { id: string; friendlyName: string; unitPrice: number; attributes: { etag: string } };
}

/** Only the digits of a formatted amount: `€56.17` and `56,17 €` are both `5617`. */
function digits(text: string) {
  return text.replace(/\D/g, '');
}

/**
 * The prorated charge for `added` units at `unitPrice` a month, from today (UTC) to the end of
 * the month, in cents rounded half up: the rule the portal charges with, written out again
 * independently here.
 */
function proratedCents(unitPrice: number, added: number) {
  const now = new Date();
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const remaining = daysInMonth - now.getUTCDate() + 1;
  const numerator = Math.round(unitPrice * 100) * added * remaining;
  const quotient = Math.floor(numerator / daysInMonth);
  return 2 * (numerator - quotient * daysInMonth) >= daysInMonth ? quotient + 1 : quotient;
}

for (const language of ['en', 'fr'] as const) {
  const w = words[language];

  test.describe(`subscriptions (${language})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((code) => window.localStorage.setItem('portal.locale', code), language);
    });

    test('rename a subscription, then add 5 licences after seeing the prorated charge', async ({ page, signInAs, shell }) => {
      await signInAs(users.contosoAdmin);
      const bought = await buyLicences(page, 5);
      await page.goto(`/subscriptions/${bought.id}`);
      await expect(shell.heading(bought.friendlyName)).toBeVisible();
      await expectNoAxeViolations(page);

      // Rename, with the keyboard only.
      await page.getByRole('button', { name: w.rename, exact: true }).focus();
      await page.keyboard.press('Enter');
      const rename = page.getByRole('dialog', { name: w.rename });
      await expect(rename).toBeVisible();
      await expect(rename.getByLabel(w.name)).toBeFocused();
      await expectNoAxeViolations(page);
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Sales team E3');
      await page.keyboard.press('Enter');
      await expect(rename).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: w.renamed('Sales team E3') })).toBeFocused();
      await expect(shell.heading('Sales team E3')).toBeVisible();
      await expect(page.getByRole('row', { name: w.historyRenamed(bought.friendlyName, 'Sales team E3') })).toBeVisible();

      // Five more: the dialog says what it charges before anything is charged.
      await page.getByRole('button', { name: w.quantity }).click();
      const dialog = page.getByRole('dialog', { name: w.quantity });
      await dialog.getByLabel(w.users).fill('10');
      const effect = dialog.getByText(w.charged);
      await expect(effect).toBeVisible();
      const charge = (await effect.textContent())!.match(w.charged)![1];
      expect(Number(digits(charge))).toBe(proratedCents(bought.unitPrice, 5));
      await dialog.getByRole('button', { name: w.quantity }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: w.quantityNow(10) })).toBeVisible();
      // The history records the very amount the dialog announced.
      await expect(page.getByRole('row', { name: w.historyQuantity(5, 10) })).toContainText(charge);
    });

    test('cancel a fresh subscription with a full refund', async ({ page, signInAs }) => {
      await signInAs(users.contosoAdmin);
      const bought = await buyLicences(page, 3);
      await page.goto(`/subscriptions/${bought.id}`);
      await expect(page.getByText(w.fullRefundUntil)).toBeVisible();
      const purchase = page.getByRole('row').filter({ has: page.getByRole('cell', { name: w.bought }) });
      const charged = (await purchase.getByRole('cell').last().textContent())!;
      expect(digits(charged)).not.toBe('');

      await page.getByRole('button', { name: w.cancel }).click();
      const dialog = page.getByRole('dialog', { name: w.cancel });
      // The safe choice has the focus in a destructive dialog.
      await expect(dialog.getByRole('button', { name: w.close })).toBeFocused();
      const effect = dialog.getByText(w.refunded);
      await expect(effect).toBeVisible();
      expect((await effect.textContent())!.match(w.refunded)![1]).toBe(charged);
      await dialog.getByRole('button', { name: w.cancel }).click();
      await expect(page.getByRole('status').filter({ hasText: w.cancelled })).toBeVisible();
      await expect(page.getByRole('definition').filter({ hasText: w.cancelledBadge })).toBeVisible();
      await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: w.historyCancelled, exact: true }) })).toContainText(
        w.refundedAmount(charged),
      );
      await expect(page.getByRole('button', { name: w.rename, exact: true })).toHaveCount(0);
    });

    test('suspending the Contoso Azure plan is refused, naming the Azure subscriptions that block it', async ({ page, signInAs, shell }) => {
      await signInAs(users.contosoAdmin);
      await shell.nav.getByRole('link', { name: w.nav }).click();
      await page.getByRole('link', { name: 'Contoso Azure plan' }).click();
      await expect(shell.heading('Contoso Azure plan')).toBeVisible();
      const suspend = page.getByRole('button', { name: w.suspend, exact: true });
      await suspend.click();
      const dialog = page.getByRole('dialog', { name: w.suspend });
      await expect(dialog.getByText(w.blocked)).toBeVisible();
      await expect(dialog.getByRole('button', { name: w.suspend })).toHaveCount(0);
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(suspend).toBeFocused();
    });

    test('a reader sees every detail and no action', async ({ page, signInAs, shell }) => {
      await signInAs(users.contosoReader);
      await page.goto(`/subscriptions/${CONTOSO_AZURE_PLAN}`);
      await expect(shell.heading('Contoso Azure plan')).toBeVisible();
      await expect(page.getByText(w.readOnly)).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Contoso Lab' })).toBeVisible();
      // Nothing to change: the only buttons are the invoice lines table's (sort, export).
      const invoiceLines = page.locator('section[aria-labelledby="invoice-lines-title"]');
      await expect(invoiceLines.getByRole('table')).toBeVisible();
      await expect(page.getByRole('main').locator('button:not(section[aria-labelledby="invoice-lines-title"] button)')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });

    test('the list filters by status and searches by name', async ({ page, signInAs, shell }) => {
      await signInAs(users.contosoAdmin);
      await shell.nav.getByRole('link', { name: w.nav }).click();
      await expect(shell.heading(w.nav)).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Contoso Business Standard' })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByLabel(w.search).fill('azure PLAN');
      await expect(page.getByRole('rowheader', { name: 'Contoso Azure plan' })).toBeVisible();
      await expect(page.getByRole('rowheader', { name: 'Contoso Business Standard' })).toHaveCount(0);
      await page.getByLabel(w.status).selectOption({ label: w.suspended });
      await expect(page.getByText(w.noMatch)).toBeVisible();
      await page.getByLabel(w.search).fill('');
      await page.getByLabel(w.status).selectOption({ index: 0 });
      await page.getByRole('link', { name: 'Contoso Business Standard' }).click();
      await expect(shell.heading('Contoso Business Standard')).toBeVisible();
      await page.getByRole('link', { name: w.allSubscriptions }).click();
      await expect(shell.heading(w.nav)).toBeVisible();
    });
  });
}

test('an Azure subscription is added under a plan, then cancelled', async ({ page, signInAs }) => {
  await signInAs(users.fabrikamAdmin);
  await page.goto(`/subscriptions/${FABRIKAM_AZURE_PLAN}`);
  await page.getByRole('button', { name: 'Add an Azure subscription' }).click();
  const add = page.getByRole('dialog', { name: 'Add an Azure subscription' });
  await add.getByRole('button', { name: 'Add an Azure subscription' }).click();
  await expect(add.getByText('This field is required.')).toBeVisible();
  await expect(add.getByLabel('Name')).toBeFocused();
  await add.getByLabel('Name').fill('Fabrikam Test');
  await expect(add.getByText('Its usage is billed every month through this Azure plan.')).toBeVisible();
  await add.getByRole('button', { name: 'Add an Azure subscription' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Azure subscription “Fabrikam Test” added.' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Fabrikam Test' }) });
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Cancel Fabrikam Test' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel Fabrikam Test' });
  await expect(cancel.getByText('It stops now; its usage up to now is still billed.')).toBeVisible();
  await cancel.getByRole('button', { name: 'Cancel Fabrikam Test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Azure subscription “Fabrikam Test” cancelled.' })).toBeVisible();
  await expect(row).toContainText('Cancelled');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Azure subscription “Fabrikam Test” cancelled/ })).toBeVisible();
});

test('a change made elsewhere meanwhile is reloaded for the user to review (412)', async ({ page, signInAs, shell }) => {
  await signInAs(users.contosoAdmin);
  const bought = await buyLicences(page, 2);
  await page.goto(`/subscriptions/${bought.id}`);
  await expect(shell.heading(bought.friendlyName)).toBeVisible();
  await page.getByRole('button', { name: words.en.rename, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: words.en.rename });
  await dialog.getByLabel('Name').fill('Mine');

  // Someone else renames it first.
  const elsewhere = await page.request.patch(`/v1/customers/${CONTOSO}/subscriptions/${bought.id}`, {
    headers: { ...API_SCRIPT, 'If-Match': `"${bought.attributes.etag}"` },
    data: { friendlyName: 'Renamed elsewhere' },
  });
  expect(elsewhere.status()).toBe(200);

  await dialog.getByRole('button', { name: words.en.rename }).click();
  await expect(dialog.getByRole('alert')).toHaveText(words.en.changedMeanwhile);
  await expect(shell.heading('Renamed elsewhere')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toHaveValue('Mine');
  await dialog.getByRole('button', { name: words.en.rename }).click();
  await expect(page.getByRole('status').filter({ hasText: words.en.renamed('Mine') })).toBeVisible();
  await expect(shell.heading('Mine')).toBeVisible();
});

test('too many requests: the user is told, and the page loads once the wait is over (429)', async ({ page, signInAs, shell }) => {
  await signInAs(users.contosoAdmin);
  let turnedAway = 0;
  await page.route(`**/v1/customers/${CONTOSO}/subscriptions`, async (route) => {
    if (turnedAway++ === 0) {
      await route.fulfill({
        status: 429,
        headers: { 'Retry-After': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' }),
      });
    } else {
      await route.continue();
    }
  });
  await shell.nav.getByRole('link', { name: 'Subscriptions' }).click();
  await expect(page.getByRole('status').filter({ hasText: words.en.waiting })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Contoso Azure plan' })).toBeVisible();
  await expect(page.getByText(words.en.waiting)).toHaveCount(0);
  expect(turnedAway).toBe(2);
});

test('a subscription the partner suspended is reactivated by the partner, not the customer', async ({ page, signInAs, shell, browser }) => {
  await signInAs(users.admin);
  const bought = await buyLicences(page, 1);
  const suspended = await page.request.patch(`/v1/customers/${CONTOSO}/subscriptions/${bought.id}`, {
    headers: { ...API_SCRIPT, 'If-Match': `"${bought.attributes.etag}"` },
    data: { status: 'suspended' },
  });
  expect(suspended.status()).toBe(200);

  // Contoso's admin is told to ask the partner, and offered no Reactivate, in either language.
  const customerSees = [
    { locale: 'en-US', hint: 'Your partner suspended this subscription, so only your partner can reactivate it: contact them.', reactivate: 'Reactivate' },
    { locale: 'fr-FR', hint: 'Votre partenaire a suspendu cet abonnement : lui seul peut le réactiver. Contactez-le.', reactivate: 'Réactiver' },
  ];
  for (const { locale, hint, reactivate } of customerSees) {
    const context = await browser.newContext({ locale });
    const customer = await context.newPage();
    const signIn = new SignInPage(customer);
    await signIn.goto('/signin');
    await signIn.signIn(users.contosoAdmin);
    await new Shell(customer).expectSignedInAs(users.contosoAdmin);
    await customer.goto(`/subscriptions/${bought.id}`);
    await expect(customer.getByText(hint)).toBeVisible();
    await expect(customer.getByRole('button', { name: reactivate })).toHaveCount(0);
    await expectNoAxeViolations(customer);
    await context.close();
  }

  // The partner can, with Contoso in view.
  await page.goto(`/subscriptions/${bought.id}`);
  await page.getByRole('combobox', { name: 'Customer in view' }).selectOption({ label: 'Contoso' });
  await expect(shell.heading(bought.friendlyName)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();
});

test('the partner registers a plan for reserved instances and changes its support contact', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.customerSwitcher.selectOption({ label: 'Fabrikam' });
  await page.goto(`/subscriptions/${FABRIKAM_AZURE_PLAN}`);
  await expect(shell.heading('Fabrikam Azure plan')).toBeVisible();
  // The seed 003 facts, in words.
  await expect(page.getByText(`${FABRIKAM_AZURE_PLAN}: what Azure knows it by`)).toBeVisible();
  await expect(page.getByText('MPN ID 4812345: the partner that sells and bills it.')).toBeVisible();
  await expect(page.getByText('Microsoft Corporation: a Microsoft product.')).toBeVisible();

  const service = page.getByRole('region', { name: 'Provisioning and support' });
  await expect(service.getByText('Provisioned: it is ready to use.')).toBeVisible();
  await service.getByRole('button', { name: 'Register for reserved instances' }).click();
  await expect(service.getByText(/^Registered: Azure reservations can be bought/)).toBeVisible({ timeout: 15_000 });
  await expect(service.getByRole('button', { name: 'Register for reserved instances' })).toHaveCount(0);

  // A bad tenant ID is named beside its field; a good contact is saved and shown.
  await service.getByRole('button', { name: 'Change the support contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the support contact' });
  await dialog.getByLabel('Name').fill('Fabrikam Helpdesk');
  await dialog.getByLabel('MPN ID').fill('7654321');
  await dialog.getByLabel('Tenant ID').fill('not-a-tenant');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Tenant ID')).toBeFocused();
  await expect(dialog.getByLabel('Tenant ID')).toHaveAccessibleDescription('Enter the tenant ID, a GUID.');
  await expectNoAxeViolations(page);
  await dialog.getByLabel('Tenant ID').fill('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(service.getByText('The support contact is changed.')).toBeFocused();
  await expect(service).toContainText('Fabrikam Helpdesk (MPN ID 7654321, tenant 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)');
  await expectNoAxeViolations(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('a subscription’s facts and service read in French', async ({ page, signInAs }) => {
    await signInAs(users.contosoAdmin);
    await page.goto(`/subscriptions/${CONTOSO_AZURE_PLAN}`);
    await expect(page.getByText(`${CONTOSO_AZURE_PLAN} : l’identifiant qu’Azure lui donne`)).toBeVisible();
    await expect(page.getByText('Un abonnement (ni une clé de produit, ni un code d’échange).')).toBeVisible();
    const service = page.getByRole('region', { name: 'Approvisionnement et support' });
    await expect(service.getByText('Approvisionné : il est prêt à l’emploi.')).toBeVisible();
    await expect(service.getByText(/^(Non inscrit|Inscription en cours|Inscrit)/)).toBeVisible();
    // A customer admin reads the support contact; the partner sets it.
    await expect(service).toContainText('(ID MPN 4812345');
    await expect(service.getByRole('button', { name: 'Modifier le contact de support' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
