// On a phone (360 px wide): every page fits the screen (nothing scrolls sideways; wide tables
// scroll inside their own frame), and the navigation sits behind a menu button that opens,
// takes the focus and closes with Escape.
import { expect, test, users, type User } from './fixtures/portal';
import type { Page } from '@playwright/test';

const CONTOSO_PLAN = '5ab0c0e1-0000-4000-8000-00000000a001';

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Let the page's data arrive and lay out before measuring.
  await page.waitForLoadState('networkidle');
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `${path} is wider than the screen`).toBeLessThanOrEqual(widths.screen);
}

async function menuWorks(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  // A link in the menu navigates and closes it.
  await menu.click();
  await nav.getByRole('link', { name: 'Subscriptions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
  await expect(nav).toBeHidden();
}

async function signIn(page: Page, user: User) {
  await page.goto('/signin');
  await page.getByLabel(/email address/i).fill(user.email);
  await page.getByLabel(/^password$/i).fill(user.password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
}

test('a customer admin on a phone: every page fits, and the menu opens and closes', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, users.contosoAdmin);
  await menuWorks(page);
  for (const path of [
    '/',
    '/pricing',
    '/cart',
    '/orders',
    '/subscriptions',
    `/subscriptions/${CONTOSO_PLAN}`,
    '/usage',
    '/invoices',
    '/invoices/unbilled',
    '/azure-stack',
    '/account',
    '/settings/activity',
  ]) {
    await fitsTheScreen(page, path);
  }
});

test('a partner admin on a phone: every page fits', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, users.admin);
  await menuWorks(page);
  for (const path of ['/', '/customers', '/invoices', '/settings/users', '/settings/api-keys', '/settings/activity']) {
    await fitsTheScreen(page, path);
  }
});
