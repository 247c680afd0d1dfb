// Azure Stack Hub registrations (seed 001): a customer admin registers a connected deployment
// and a disconnected one with the token the documented command produces, then removes one; a
// reader sees them without acting. In English and French, axe with each dialog open.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

const FABRIKAM = '9b2e4d6f-1a3c-4e5f-8b7d-2c4e6a8f0b02';

/** What `portal-server azs-token` prints for a disconnected deployment, on the e2e database. */
function tokenFromTheCommand(cloudId: string): string {
  const server = path.resolve(__dirname, '..', '..', 'target', 'release', 'portal-server');
  return execFileSync(server, ['azs-token', '--cloud-id', cloudId, '--billing-model', 'Development', '--nodes', '1', '--cores', '8'], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.E2E_DATA_DIR}/e2e.db` },
  })
    .toString()
    .trim();
}

test('a customer admin registers a connected and a disconnected deployment, then removes one', async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  await signInAs(users.contosoAdmin);
  await page.getByRole('navigation').getByRole('link', { name: 'Azure Stack Hub' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Azure Stack Hub' })).toBeVisible();
  await expect(page.getByText('Registration is free: it adds no charge to the Azure subscription.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Connected, pay as you use.
  const cloudId = randomUUID();
  await page.getByRole('button', { name: 'Register a deployment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register a deployment' });
  await dialog.getByLabel('Azure subscription').selectOption({ label: 'Contoso Production' });
  await expect(dialog.getByLabel('Connected', { exact: true })).toBeChecked();
  // A cloud ID that is not a GUID is said beside the field, and nothing is sent.
  await dialog.getByLabel('Cloud ID of the deployment').fill('stack-1');
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(dialog.getByText(/Enter the cloud ID, a GUID/)).toBeVisible();
  await expect(dialog.getByLabel('Cloud ID of the deployment')).toBeFocused();
  await dialog.getByLabel('Cloud ID of the deployment').fill(cloudId);
  await expect(dialog.getByLabel('Registration name')).toHaveValue(`AzureStack-${cloudId}`);
  // The resource group's region: AzureStack-Tools' default, or another of the global cloud.
  const region = dialog.getByLabel('Region of the resource group');
  await expect(region).toHaveValue('westcentralus');
  await region.selectOption('westeurope');
  // Capacity asks for the agreement number.
  await dialog.getByLabel('Billing model').selectOption({ label: 'Capacity' });
  await expect(dialog.getByLabel('Enterprise Agreement number')).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByLabel('Billing model').selectOption({ label: 'Pay as you use' });
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `AzureStack-${cloudId} is registered.` })).toBeVisible();
  const table = page.getByRole('table', { name: 'Registered deployments' });
  const connected = table.getByRole('row', { name: new RegExp(`AzureStack-${cloudId}`) });
  await expect(connected).toContainText('Pay as you use');
  await expect(connected).toContainText('Activated');

  // Disconnected: the token the deployment's command produced.
  const offline = randomUUID();
  const token = tokenFromTheCommand(offline);
  await page.getByRole('button', { name: 'Register a deployment' }).click();
  await dialog.getByLabel('Disconnected', { exact: true }).check();
  await dialog.getByLabel('Registration token').fill(token);
  await expect(dialog.getByLabel('Registration name')).toHaveValue(`AzureStack-${offline}`);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  const disconnected = table.getByRole('row', { name: new RegExp(`AzureStack-${offline}`) });
  await expect(disconnected).toContainText('Registered, not activated');
  await expect(disconnected).toContainText('Development');

  // The disconnected registration's page: not activated yet, and the key to give it.
  await disconnected.getByRole('link', { name: `AzureStack-${offline}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `AzureStack-${offline}` })).toBeVisible();
  await expect(page.getByText('Registered but not activated: get the activation key and give it to the deployment.')).toBeVisible();
  await page.getByRole('button', { name: 'Get the activation key' }).click();
  const keyDialog = page.getByRole('dialog', { name: 'Activation key' });
  await expect(keyDialog.getByRole('textbox', { name: 'Activation key' })).toHaveValue(/^azsak\./);
  await expectNoAxeViolations(page);
  await keyDialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('table', { name: 'History' })).toContainText('Registered');
  await page.getByRole('link', { name: 'All Azure Stack Hub registrations' }).click();

  // The connected one: activated; changed to Capacity, which the customer's capacity does not
  // cover, then to Development on one node.
  await connected.getByRole('link', { name: `AzureStack-${cloudId}` }).click();
  await expect(page.getByText(/^Activated: Marketplace management on the deployment can add items from Azure/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Registration' })).toContainText('westeurope');
  await page.getByRole('button', { name: 'Change the registration' }).click();
  const change = page.getByRole('dialog', { name: `Change the registration AzureStack-${cloudId}` });
  await change.getByLabel('Billing model').selectOption({ label: 'Capacity' });
  await change.getByLabel('Enterprise Agreement number').fill('12345678');
  await change.getByRole('button', { name: 'Save the changes' }).click();
  await expect(change.getByRole('alert')).toContainText('does not cover the deployment’s cores');
  await expectNoAxeViolations(page);
  await change.getByLabel('Billing model').selectOption({ label: 'Development' });
  await change.getByLabel('Nodes').fill('1');
  await change.getByLabel('Physical cores').fill('16');
  await change.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The registration AzureStack-${cloudId} is changed.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'History' })).toContainText('Changed');
  await expect(page.getByRole('region', { name: 'Registration' })).toContainText('1 node, 16 cores');

  // Removed after a confirmation that says what stops; the list then shows it removed.
  await page.getByRole('button', { name: `Remove AzureStack-${cloudId}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove the registration AzureStack-${cloudId}?` });
  await expect(confirm).toContainText('no longer reported or billed');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Remove the registration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Azure Stack Hub' })).toBeVisible();
  await expect(connected).toContainText('Removed');
  await expect(connected.getByRole('button')).toHaveCount(0);
  await expect(connected.getByRole('link')).toHaveCount(0);
});

test('Capacity needs capacity: Fabrikam buys cores, registers, changes to Capacity under its agreement, and the capacity lists it', async ({ page, signInAs, shell }) => {
  test.setTimeout(90_000);
  await signInAs(users.fabrikamAdmin);
  await page.goto('/pricing');
  const capacity = page.getByRole('article', { name: 'Azure Stack Hub capacity' });
  await capacity.getByLabel('Physical cores').fill('64');
  await capacity.getByRole('button', { name: 'Add to cart' }).click();
  await expect(capacity.getByRole('status')).toContainText('is in the cart');
  await shell.nav.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('button', { name: 'Review the order' }).click();
  await page.getByRole('button', { name: 'Place the order' }).click();
  await expect(shell.heading('Order placed')).toBeVisible();
  // Provisioned within seconds.
  const bought = async () => {
    const list = await (await page.request.get(`/v1/customers/${FABRIKAM}/subscriptions`)).json();
    return list.items.find((s: { offerId: string; status: string }) => s.offerId.startsWith('DG7GMGF0ASHC') && s.status === 'active');
  };
  await expect.poll(async () => Boolean(await bought()), { timeout: 20_000 }).toBe(true);

  const cloudId = randomUUID();
  await page.goto('/azure-stack');
  await page.getByRole('button', { name: 'Register a deployment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register a deployment' });
  await dialog.getByLabel('Cloud ID of the deployment').fill(cloudId);
  // The demo's US Government subscription is listed, and refused with the seed's reason.
  const subscription = dialog.getByLabel('Azure subscription');
  await subscription.selectOption({ label: 'Fabrikam US Government (sovereign cloud, cannot register)' });
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(subscription).toBeFocused();
  await expect(subscription).toHaveAccessibleDescription(/China, Germany and US Government clouds cannot be used/);
  await expectNoAxeViolations(page);
  await subscription.selectOption({ label: 'Fabrikam Production' });
  await expect(dialog.getByLabel('Billing model')).toHaveValue('PayAsYouUse');
  await dialog.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `AzureStack-${cloudId} is registered.` })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(cloudId) });
  await expect(row).toContainText('Pay as you use');

  // Changed to Capacity under its agreement: the cores bought cover the deployment's.
  await row.getByRole('link', { name: `AzureStack-${cloudId}` }).click();
  await page.getByRole('button', { name: 'Change the registration' }).click();
  const change = page.getByRole('dialog', { name: `Change the registration AzureStack-${cloudId}` });
  await change.getByLabel('Billing model').selectOption({ label: 'Capacity' });
  await change.getByLabel('Enterprise Agreement number').fill('87654321');
  await change.getByRole('button', { name: 'Save the changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The registration AzureStack-${cloudId} is changed.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Registration' })).toContainText('87654321');
  await page.getByRole('link', { name: 'All Azure Stack Hub registrations' }).click();
  await expect(row).toContainText('Capacity (87654321)');

  await page.goto(`/subscriptions/${(await bought()).id}`);
  const covered = page.getByRole('region', { name: 'Azure Stack Hub registrations' });
  await expect(covered).toContainText('This subscription has 64 cores');
  await expect(covered.getByRole('link', { name: `AzureStack-${cloudId}` })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a reader sees the registrations and cannot act', async ({ page, signInAs }) => {
  await signInAs(users.contosoReader, '/signin?next=/azure-stack');
  await expect(page.getByRole('heading', { level: 1, name: 'Azure Stack Hub' })).toBeVisible();
  await expect(page.getByText(/Register an Azure Stack Hub deployment with Azure/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register a deployment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The demo's deployment, verified: activated, and nothing for a reader to do.
  await page.getByRole('link', { name: 'AzureStack-a25c0de1-0000-4000-8000-00000000a5c1' }).click();
  await expect(page.getByText(/^Activated: Marketplace management/)).toBeVisible();
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('a customer admin registers a deployment in French', async ({ page, signInAs }) => {
    await signInAs(users.contosoAdmin, '/signin?next=/azure-stack');
    await expect(page.getByRole('heading', { level: 1, name: 'Azure Stack Hub' })).toBeVisible();
    await expect(page.getByText('L’inscription est gratuite : elle n’entraîne aucun frais sur l’abonnement Azure.')).toBeVisible();
    const cloudId = randomUUID();
    await page.getByRole('button', { name: 'Inscrire un déploiement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inscrire un déploiement' });
    await dialog.getByLabel('Abonnement Azure').selectOption({ label: 'Contoso Production' });
    await dialog.getByLabel('Modèle de facturation').selectOption({ label: 'Capacité' });
    await dialog.getByLabel('ID de cloud du déploiement').fill(cloudId);
    await dialog.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await expect(dialog.getByText('Saisissez le numéro de contrat Entreprise : la Capacité l’exige.')).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Modèle de facturation').selectOption({ label: 'Développement' });
    await dialog.getByLabel('Nœuds').fill('1');
    await dialog.getByLabel('Cœurs physiques').fill('8');
    await dialog.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: `AzureStack-${cloudId} est inscrit.` })).toBeVisible();
    const row = page.getByRole('table', { name: 'Déploiements inscrits' }).getByRole('row', { name: new RegExp(cloudId) });
    await expect(row).toContainText('1 nœud, 8 cœurs');
    await expect(row).toContainText('Activé');

    // Déconnecté, avec le jeton produit par la commande.
    const offline = randomUUID();
    await page.getByRole('button', { name: 'Inscrire un déploiement' }).click();
    await dialog.getByLabel('Déconnecté', { exact: true }).check();
    await dialog.getByLabel('Jeton d’inscription').fill(tokenFromTheCommand(offline));
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Inscrire', exact: true }).click();
    const waiting = page.getByRole('table', { name: 'Déploiements inscrits' }).getByRole('row', { name: new RegExp(offline) });
    await expect(waiting).toContainText('Inscrit, non activé');

    // Supprimée après confirmation.
    await row.getByRole('button', { name: `Supprimer AzureStack-${cloudId}` }).click();
    const confirm = page.getByRole('dialog', { name: `Supprimer l’inscription AzureStack-${cloudId} ?` });
    await expect(confirm).toContainText('n’est plus signalée ni facturée');
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: 'Supprimer l’inscription' }).click();
    await expect(page.getByRole('status').filter({ hasText: `L’inscription AzureStack-${cloudId} est supprimée.` })).toBeVisible();
    await expect(row).toContainText('Supprimé');
  });
});
