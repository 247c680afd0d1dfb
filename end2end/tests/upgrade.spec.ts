// Litware's legacy Microsoft Azure (MS-AZR-0145P) subscription moves to an Azure plan (seed 004):
// the overview says it can, the subscription's page says what changes, and the upgrade is started
// after a confirmation and followed until it succeeds. The upgrade happens once in the shared
// database, so the French reading comes first and stops at the confirmation.
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

const LEGACY = '5ab0c0e1-0000-4000-8000-00000000c001';

test.describe.configure({ mode: 'serial' });

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the partner reads what the upgrade changes, in French, and cancels', async ({ page, signInAs, shell }) => {
    await signInAs(users.admin);
    await shell.customerSwitcher.selectOption({ label: 'Litware' });
    await page.goto('/');
    const attention = page.getByRole('region', { name: 'À traiter' });
    await attention.getByRole('link', { name: 'Litware Azure peut passer à un plan Azure.' }).click();
    const section = page.getByRole('region', { name: 'Mettre à niveau vers un plan Azure' });
    await expect(section).toContainText(`L’abonnement Azure garde son ID (${LEGACY})`);
    await expect(section.getByText('Le client peut être mis à niveau maintenant.')).toBeVisible();
    await expectNoAxeViolations(page);
    await section.getByRole('button', { name: 'Mettre à niveau vers un plan Azure' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mettre à niveau vers un plan Azure ?' });
    await expect(dialog).toContainText('C’est irréversible.');
    await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(section.getByRole('button', { name: 'Mettre à niveau vers un plan Azure' })).toBeFocused();
  });
});

test('Litware upgrades to an Azure plan, keyboard only, and finds its Azure subscription under it', async ({ page, signInAs }) => {
  test.setTimeout(60_000);
  await signInAs(users.litwareAdmin);
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await attention.getByRole('link', { name: 'Litware Azure can move to an Azure plan.' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Litware Azure' })).toBeVisible();
  const section = page.getByRole('region', { name: 'Upgrade to an Azure plan' });
  await expect(section).toContainText(`The Azure subscription keeps its id (${LEGACY})`);
  await expect(section.getByText('The customer can be upgraded now.')).toBeVisible();

  const start = section.getByRole('button', { name: 'Upgrade to an Azure plan' });
  await start.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Upgrade to an Azure plan?' });
  await expect(dialog).toContainText('It cannot be undone.');
  // The safe choice has the focus; the upgrade is one step back.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Upgrade to an Azure plan' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  // Followed until it succeeds; the legacy subscription has ended.
  await expect(section.getByText(/^The upgrade succeeded/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('main').getByText('Cancelled', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await section.getByRole('link', { name: 'Open the Azure plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Azure plan');
  await expect(page.getByRole('rowheader', { name: 'Litware Azure' })).toBeVisible();
  // Nothing left to upgrade: the overview no longer asks (its licences' renewal is still told).
  await page.goto('/');
  const left = page.getByRole('region', { name: 'Needs attention' }).getByRole('listitem');
  await expect(left).toHaveCount(1);
  await expect(left).toHaveText(/^Litware Microsoft 365 E3: renews for a year on /);
});
