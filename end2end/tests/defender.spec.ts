// Defender for IoT on the Pricing page (seed 000): onboarding an Azure subscription with
// committed devices and a live estimate, sensors, and offboarding once the sensors are gone.
// Contoso (France, 275 € per 1,000 devices a month) runs in English; Fabrikam (United States,
// $300) in French, so the tests do not share Azure subscriptions.
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';
import type { Locator, Page } from '@playwright/test';

const words = {
  en: {
    section: 'Defender for IoT',
    onboardSubscription: 'Onboard subscription',
    onboard: 'Onboard',
    subscription: 'Subscription',
    devices: 'Committed devices',
    estimate: /^You will be billed (.+) for .+ to .+, then (.+) per month\.$/,
    onboarded: (name: string) => `${name} is onboarded to Defender for IoT.`,
    offboardNamed: (name: string) => `Offboard ${name}`,
    offboard: 'Offboard',
    confirm: 'I confirm that all sensors associated with this subscription have been deleted',
    blocked: (names: string) => `Delete these sensors before offboarding: ${names}.`,
    deleteSensor: (name: string) => `Delete sensor ${name}`,
    offboarded: (name: string) => `${name} is offboarded. It stays billed until the end of the month.`,
    offboardedStatus: 'Offboarded',
    sensorsOf: (name: string) => `Sensors of ${name}`,
    sensorName: 'Sensor name',
    addSensor: 'Add sensor',
    sensorAdded: (name: string) => `Sensor ${name} added.`,
    invalidName: 'Use only letters, digits, “-”, “_” and “.”, starting with a letter or digit.',
    cancel: 'Cancel',
    changeNamed: (name: string) => `Change the committed devices of ${name}`,
    changeDevices: 'Change committed devices',
    increase: /^You will be billed (.+) now for the devices added, prorated from .+ to .+; then 6,000 devices cost (.+) per month\.$/,
    changed: (name: string) => `The committed devices of ${name} are changed.`,
  },
  fr: {
    section: 'Defender pour IoT',
    onboardSubscription: 'Intégrer un abonnement',
    onboard: 'Intégrer',
    subscription: 'Abonnement',
    devices: 'Appareils validés',
    estimate: /^Vous serez facturé (.+) du .+ au .+, puis (.+) par mois\.$/,
    onboarded: (name: string) => `${name} est intégré à Defender pour IoT.`,
    offboardNamed: (name: string) => `Retirer ${name}`,
    offboard: 'Retirer',
    confirm: 'Je confirme que tous les capteurs associés à cet abonnement ont été supprimés',
    blocked: (names: string) => `Supprimez ces capteurs avant le retrait : ${names}.`,
    deleteSensor: (name: string) => `Supprimer le capteur ${name}`,
    offboarded: (name: string) => `${name} est retiré. Il reste facturé jusqu’à la fin du mois.`,
    offboardedStatus: 'Retiré',
    sensorsOf: (name: string) => `Capteurs de ${name}`,
    sensorName: 'Nom du capteur',
    addSensor: 'Ajouter le capteur',
    sensorAdded: (name: string) => `Capteur ${name} ajouté.`,
    invalidName: 'Utilisez seulement des lettres, des chiffres, « - », « _ » et « . », en commençant par une lettre ou un chiffre.',
    cancel: 'Annuler',
    changeNamed: (name: string) => `Modifier les appareils engagés de ${name}`,
    changeDevices: 'Modifier les appareils engagés',
    decrease: /^Rien n’est facturé ni remboursé maintenant : le plan est facturé pour 1\s000 appareils à partir du .+, (.+) par mois\.$/,
    changed: (name: string) => `Les appareils engagés de ${name} sont modifiés.`,
  },
} as const;

type Words = (typeof words)[keyof typeof words];

async function useLanguage(page: Page, language: 'en' | 'fr') {
  await page.addInitScript((code) => window.localStorage.setItem('portal.locale', code), language);
}

/** Only the digits of a formatted amount: `€183.33` and `183,33 €` are both `18333`. */
function digits(text: string) {
  return text.replace(/\D/g, '');
}

/**
 * What onboarding `blocks` blocks of 1,000 devices at `blockPrice` a month costs today (UTC) for
 * the rest of the month, in cents rounded half up: the portal's rule written out again here.
 */
function firstMonthCents(blockPrice: number, blocks: number) {
  const now = new Date();
  const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const remaining = daysInMonth - now.getUTCDate() + 1;
  const numerator = blockPrice * 100 * blocks * remaining;
  const quotient = Math.floor(numerator / daysInMonth);
  return 2 * (numerator - quotient * daysInMonth) >= daysInMonth ? quotient + 1 : quotient;
}

const CONTOSO = '3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01';

/** The current month's Defender line of an Azure subscription in the invoice estimate, in cents. */
async function estimateLineCents(page: Page, customerId: string, name: string) {
  const response = await page.request.get(
    `/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&period=current&customerId=${customerId}`,
  );
  expect(response.ok()).toBe(true);
  const items: { productName: string; skuName: string; subtotal: number }[] = (await response.json()).items;
  const line = items.find((l) => l.productName === 'Microsoft Defender for IoT' && l.skuName === name);
  return line ? Math.round(Number(line.subtotal) * 100) : 0;
}

function row(page: Page, name: string) {
  return page.getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

/** This month's charge in a row: the fifth cell after the subscription's name. */
function chargeOf(row: Locator) {
  return row.getByRole('cell').nth(4);
}

/** Whether the element with focus is inside the open dialog. */
function focusIsInDialog(page: Page) {
  return page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
}

test('onboard Contoso Lab with 2,000 devices, keyboard only, after checking the estimate', async ({ page, signInAs }) => {
  const w = words.en;
  await useLanguage(page, 'en');
  await signInAs(users.contosoAdmin);
  await page.goto('/pricing');
  await expect(page.getByRole('heading', { level: 2, name: w.section })).toBeVisible();
  const opener = page.getByRole('button', { name: w.onboardSubscription });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: w.onboardSubscription });
  await expect(dialog).toBeVisible();
  const subscription = dialog.getByLabel(w.subscription);
  await expect(subscription).toBeFocused();
  await expect(subscription.locator('option:checked')).toHaveText('Contoso Lab');

  // Tab and Shift+Tab stay in the dialog; Escape closes it and focus goes back to its button.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await focusIsInDialog(page)).toBe(true);
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusIsInDialog(page)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(row(page, 'Contoso Lab')).toHaveCount(0);

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(subscription).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Tab'); // the plan: monthly
  await page.keyboard.press('Tab'); // the committed devices
  await expect(dialog.getByLabel(w.devices)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByLabel(w.devices).locator('option:checked')).toHaveText('2,000');

  const estimate = dialog.getByText(w.estimate);
  await expect(estimate).toBeVisible();
  const [, first, monthly] = (await estimate.textContent())!.match(w.estimate)!;
  expect(digits(first)).toBe(String(firstMonthCents(275, 2)));
  expect(digits(monthly)).toBe('55000');

  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: w.onboard, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: w.onboarded('Contoso Lab') })).toBeVisible();
  await expect(opener).toBeFocused();
  const lab = row(page, 'Contoso Lab');
  await expect(lab).toContainText('2,000');
  // What the server recorded as this month's charge is what the dialog said, to the cent.
  expect(digits((await chargeOf(lab).textContent())!)).toBe(digits(first));
  await expect(page.getByRole('heading', { name: w.sensorsOf('Contoso Lab') })).toBeVisible();
});

test('a reader sees the onboarded subscriptions without any action', async ({ page, signInAs }) => {
  await useLanguage(page, 'en');
  await signInAs(users.contosoReader);
  await page.goto('/pricing');
  await expect(row(page, 'Contoso Production')).toBeVisible();
  await expect(page.getByRole('button', { name: words.en.onboardSubscription })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Offboard / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: words.en.addSensor })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

async function offboardAfterDeletingSensors(page: Page, w: Words, name: string, sensor: string) {
  const opener = page.getByRole('button', { name: w.offboardNamed(name) });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: w.offboardNamed(name) });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: sensor })).toBeVisible();
  await expectNoAxeViolations(page);
  const offboard = dialog.getByRole('button', { name: w.offboard, exact: true });
  await expect(offboard).toBeDisabled();
  await dialog.getByLabel(w.confirm).check();
  await expect(offboard).toBeEnabled();
  // The box is checked but the sensor is still there: the server refuses, the dialog says why.
  await offboard.click();
  await expect(dialog.getByRole('alert')).toHaveText(w.blocked(sensor));
  await dialog.getByRole('button', { name: w.deleteSensor(sensor) }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: sensor })).toHaveCount(0);
  await offboard.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: w.offboarded(name) })).toBeVisible();
  await expect(row(page, name)).toContainText(w.offboardedStatus);
  await expect(page.getByRole('button', { name: w.offboardNamed(name) })).toHaveCount(0);
}

test('Contoso raises Production to 6,000 devices as estimated, then offboards it once its sensor is deleted', async ({ page, signInAs }) => {
  const w = words.en;
  await useLanguage(page, 'en');
  await signInAs(users.contosoAdmin);
  await page.goto('/pricing');
  await expect(row(page, 'Contoso Production')).toBeVisible();

  // Keyboard only: the dialog states the prorated charge before anything is changed.
  const before = await estimateLineCents(page, CONTOSO, 'Contoso Production');
  const opener = page.getByRole('button', { name: w.changeNamed('Contoso Production') });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: w.changeNamed('Contoso Production') });
  await expect(dialog.getByLabel(w.devices)).toBeFocused();
  await dialog.getByLabel(w.devices).selectOption('6000');
  const estimate = dialog.getByText(w.increase);
  const [, charged, monthly] = (await estimate.textContent())!.match(w.increase)!;
  expect(digits(charged)).toBe(String(firstMonthCents(275, 1)));
  expect(digits(monthly)).toBe('165000');
  await expectNoAxeViolations(page);
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: w.changeDevices })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: w.changed('Contoso Production') })).toBeVisible();
  await expect(row(page, 'Contoso Production').getByRole('cell').nth(0)).toHaveText('6,000');
  // The month's estimate bills exactly what the dialog said.
  expect(await estimateLineCents(page, CONTOSO, 'Contoso Production')).toBe(before + Number(digits(charged)));

  await offboardAfterDeletingSensors(page, words.en, 'Contoso Production', 'plant-floor-01');
});

test('en français : intégrer Fabrikam Production, ajouter un capteur, puis le retirer', async ({ page, signInAs }) => {
  const w = words.fr;
  await useLanguage(page, 'fr');
  await signInAs(users.fabrikamAdmin);
  await page.goto('/pricing');
  await expect(page.getByRole('heading', { level: 2, name: w.section })).toBeVisible();
  await page.getByRole('button', { name: w.onboardSubscription }).click();
  const dialog = page.getByRole('dialog', { name: w.onboardSubscription });
  await expect(dialog.getByLabel(w.subscription).locator('option:checked')).toHaveText('Fabrikam Production');
  await dialog.getByLabel(w.devices).selectOption('2000');
  await expect(dialog.getByLabel(w.devices).locator('option:checked')).toHaveText(/^2\s000$/);
  const estimate = dialog.getByText(w.estimate);
  const [, first, monthly] = (await estimate.textContent())!.match(w.estimate)!;
  expect(digits(first)).toBe(String(firstMonthCents(300, 2)));
  expect(digits(monthly)).toBe('60000');
  expect(first).toMatch(/\$US|\$/);
  await dialog.getByRole('button', { name: w.onboard, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: w.onboarded('Fabrikam Production') })).toBeVisible();
  expect(digits((await chargeOf(row(page, 'Fabrikam Production')).textContent())!)).toBe(digits(first));

  // A sensor: a bad name is refused with the reason, a good one is added.
  const panel = page.getByRole('region', { name: w.sensorsOf('Fabrikam Production') });
  await panel.getByLabel(w.sensorName).fill('capteur été');
  await panel.getByRole('button', { name: w.addSensor }).click();
  await expect(panel.getByText(w.invalidName)).toBeVisible();
  await panel.getByLabel(w.sensorName).fill('ligne-2');
  await panel.getByRole('button', { name: w.addSensor }).click();
  await expect(page.getByRole('status').filter({ hasText: w.sensorAdded('ligne-2') })).toBeVisible();
  await expect(panel.getByRole('listitem').filter({ hasText: 'ligne-2' })).toBeVisible();
  // The field is empty and keeps the focus for the next sensor, even once the table has reloaded.
  await expect(row(page, 'Fabrikam Production').getByRole('cell').nth(3)).toHaveText('1');
  await expect(panel.getByLabel(w.sensorName)).toHaveValue('');
  await expect(panel.getByLabel(w.sensorName)).toBeFocused();
  await expectNoAxeViolations(page);

  // Moins d'appareils : rien n'est facturé maintenant, le nouveau nombre s'applique le mois prochain.
  await row(page, 'Fabrikam Production').getByRole('button', { name: w.changeNamed('Fabrikam Production') }).click();
  const change = page.getByRole('dialog', { name: w.changeNamed('Fabrikam Production') });
  await change.getByLabel(w.devices).selectOption('1000');
  const [, recurring] = (await change.getByText(w.decrease).textContent())!.match(w.decrease)!;
  expect(digits(recurring)).toBe('30000');
  await expectNoAxeViolations(page);
  await change.getByRole('button', { name: w.changeDevices }).click();
  await expect(page.getByRole('status').filter({ hasText: w.changed('Fabrikam Production') })).toBeVisible();
  await expect(row(page, 'Fabrikam Production').getByRole('cell').nth(0)).toContainText('1 000 à partir du');

  await offboardAfterDeletingSensors(page, w, 'Fabrikam Production', 'ligne-2');
});
