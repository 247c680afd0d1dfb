// Pages whose code is fetched on first visit (src/lazy.rs): what the user sees when that fetch
// fails, and the browser's history across pages of different chunks.
import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

test('the first screen fetches no page chunk, and each page fetches its own once', async ({ page, signInAs, shell }) => {
  const chunks: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/^split_.*\.wasm$/.test(name)) chunks.push(name);
  });
  await signInAs(users.admin);
  await expect(shell.heading('Overview')).toBeVisible();
  expect(chunks).toEqual([]);

  await shell.nav.getByRole('link', { name: 'Invoices' }).click();
  await expect(shell.heading('Invoices')).toBeVisible();
  await shell.nav.getByRole('link', { name: 'Overview' }).click();
  await shell.nav.getByRole('link', { name: 'Invoices' }).click();
  await expect(shell.heading('Invoices')).toBeVisible();
  expect(chunks).toEqual(['split_invoices.wasm']);
});

test('a page whose code cannot be fetched says so and loads on retry', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await page.route('**/split_invoices.wasm', (route) => route.abort('internetdisconnected'));
  await shell.nav.getByRole('link', { name: 'Invoices' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This page could not be loaded. Check your connection, then try again.');
  // The rest of the app still works: the navigation and the other pages.
  await expectNoAxeViolations(page);
  await shell.nav.getByRole('link', { name: 'Overview' }).click();
  await expect(shell.heading('Overview')).toBeVisible();
  await shell.nav.getByRole('link', { name: 'Invoices' }).click();
  await expect(alert).toBeVisible();

  // Back online: the same button, by keyboard, fetches it again.
  await page.unroute('**/split_invoices.wasm');
  await alert.getByRole('button', { name: 'Try again' }).focus();
  await page.keyboard.press('Enter');
  await expect(shell.heading('Invoices')).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the error and its button are in French', async ({ page, signInAs, shell }) => {
    await signInAs(users.admin);
    await page.route('**/split_usage.wasm', (route) => route.abort('failed'));
    await shell.nav.getByRole('link', { name: 'Consommation' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Cette page n’a pas pu être chargée. Vérifiez votre connexion, puis réessayez.');
    await expect(alert.getByRole('button', { name: 'Réessayer' })).toBeVisible();
  });
});

test('the back and forward buttons and a reload move between pages of different chunks', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Invoices' }).click();
  await expect(shell.heading('Invoices')).toBeVisible();
  await shell.nav.getByRole('link', { name: 'Subscriptions' }).click();
  await expect(shell.heading('Subscriptions')).toBeVisible();

  await page.goBack();
  await expect(shell.heading('Invoices')).toBeVisible();
  await expect(page).toHaveURL(/\/invoices$/);
  await page.goBack();
  await expect(shell.heading('Overview')).toBeVisible();
  await page.goForward();
  await expect(shell.heading('Invoices')).toBeVisible();

  // A reload starts from the page's own chunk, and history still works after it.
  await page.reload();
  await expect(shell.heading('Invoices')).toBeVisible();
  await page.goForward();
  await expect(shell.heading('Subscriptions')).toBeVisible();
});

test('pointing at a link, or tabbing to it, fetches its page before it is followed', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  const usage = page.waitForRequest(/\/split_usage\.wasm$/);
  await shell.nav.getByRole('link', { name: 'Usage' }).hover();
  await usage;
  const invoices = page.waitForRequest(/\/split_invoices\.wasm$/);
  await shell.nav.getByRole('link', { name: 'Invoices' }).focus();
  await invoices;
  // Nothing was followed.
  await expect(shell.heading('Overview')).toBeVisible();
});
