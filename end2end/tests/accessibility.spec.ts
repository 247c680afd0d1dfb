import { expect, expectNoAxeViolations, test, users } from './fixtures/portal';

for (const language of ['en', 'fr'] as const) {
  test.describe(`axe-core finds no violation (${language})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((code) => window.localStorage.setItem('portal.locale', code), language);
    });

    test('sign-in, with and without errors', async ({ page, signInPage }) => {
      await signInPage.goto();
      await expectNoAxeViolations(page);
      await signInPage.submit.click();
      await expect(signInPage.alert).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('overview, with and without a customer in view', async ({ page, signInAs, shell }) => {
      await signInAs(users.admin);
      await expectNoAxeViolations(page);
      await shell.customerSwitcher.selectOption({ label: 'Contoso' });
      await expect(page.getByText('contoso.example')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('customers', async ({ page, signInAs }) => {
      await signInAs(users.admin, '/signin?next=%2Fcustomers');
      await expect(page.getByRole('rowheader', { name: 'Contoso' })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('a customer user’s overview', async ({ page, signInAs }) => {
      await signInAs(users.contosoReader);
      await expect(page.getByText('contoso.example')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('usage for a partner: every customer, then one in detail; API keys', async ({ page, signInAs, shell }) => {
      await signInAs(users.admin, '/signin?next=%2Fusage');
      await shell.customerSwitcher.selectOption({ label: 'Contoso' });
      await expect(page.getByRole('img', { name: /Daily cost|Coût par jour/ })).toBeVisible();
      await expect(page.getByRole('table').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await page.getByRole('tab', { name: /By resource|Par ressource/ }).click();
      await expect(page.getByRole('region', { name: /By resource|Par ressource/ }).getByRole('rowheader').first()).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto('/settings/api-keys');
      await expect(page.getByRole('button', { name: /Create key|Créer la clé/ })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('page not found', async ({ page }) => {
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}
