import { expect, test, users } from './fixtures/portal';

test('switching to French changes the visible text and is remembered', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.language.selectOption('fr');
  await expect(shell.heading('Vue d’ensemble')).toBeVisible();
  await expect(shell.nav.getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(page.getByText('Avery Martin, Administrateur général')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle('Vue d’ensemble · Portail de facturation');

  await page.reload();
  await expect(shell.heading('Vue d’ensemble')).toBeVisible();

  await shell.language.selectOption('en');
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('with a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('the portal starts in French, with French errors', async ({ page, signInPage }) => {
    await signInPage.goto();
    await expect(page.getByRole('heading', { name: 'Connectez-vous au portail de facturation' })).toBeVisible();
    await signInPage.signIn({ email: users.contosoAdmin.email, password: 'faux' });
    await expect(signInPage.alert).toHaveText('L’adresse e-mail ou le mot de passe est incorrect.');
  });

  test('dates, countries and currencies follow the French locale', async ({ page, signInAs }) => {
    await signInAs(users.contosoAdmin);
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
    const fmt = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
    await expect(page.getByText(`du ${fmt.format(first)} au ${fmt.format(last)}`)).toBeVisible();
    const details = page.getByRole('region', { name: 'Client affiché' });
    await expect(details.getByText('euro (EUR)')).toBeVisible();
    await expect(details.getByText('France')).toBeVisible();
  });
});

test('numbers in English use English grouping and plurals', async ({ page, signInAs, shell }) => {
  await signInAs(users.admin);
  await shell.nav.getByRole('link', { name: 'Customers' }).click();
  // A search only Fabrikam and Litware match (other tests add customers to the shared database
  // while this one runs; none of theirs has an "i" in its name, domain or id).
  const search = page.getByRole('searchbox');
  await search.fill('i');
  await search.press('Enter');
  await expect(page.getByText('2 customers')).toBeVisible();
  await shell.language.selectOption('fr');
  await expect(page.getByText('2 clients')).toBeVisible();
});
