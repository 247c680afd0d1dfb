// On a phone (360 px wide): every page fits the screen (nothing scrolls sideways; wide tables
// scroll inside their own frame), and the navigation sits behind a menu button that opens,
// takes the focus and closes with Escape.
import { expect, test, users, type User } from './fixtures/portal';
import type { Page } from '@playwright/test';

const CONTOSO_PLAN = '5ab0c0e1-0000-4000-8000-00000000a001';
/** The phone project's viewport width (playwright.config.ts). */
const SCREEN_WIDTH = 360;

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Let the page's data arrive and lay out before measuring.
  await page.waitForLoadState('networkidle');
  // Against the screen's own width: a mobile browser zooms out to show a page wider than it, which
  // widens the window as well.
  const { width, widest } = await page.evaluate((screen) => {
    // What sticks out, outside the frames that scroll on their own: named in the failure.
    const scrolls = (el: Element) => getComputedStyle(el).overflowX === 'auto';
    const out = Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > screen);
    const unframed = out.filter((el) => { for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return false; return true; });
    // An absolutely placed element can escape its frame: then every offender is named.
    const widest = (unframed.length > 0 ? unframed : out)
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${(el.textContent ?? '').trim().slice(0, 40)}`);
    return { width: document.documentElement.scrollWidth, widest };
  }, SCREEN_WIDTH);
  expect(width, `${path} is wider than the screen: ${widest.join(' | ')}`).toBeLessThanOrEqual(SCREEN_WIDTH);
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
    '/orders/0d0c0e1a0001',
    '/usage',
    '/invoices',
    '/invoices/INV-2026-000001',
    '/invoices/unbilled',
    '/azure-stack',
    '/azure-stack/c0a2e5b1-7d3f-4e6a-9b8c-000000000001/azurestack/AzureStack-a25c0de1-0000-4000-8000-00000000a5c1',
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
  for (const path of [
    '/',
    '/customers',
    '/customers/3c1f6a7e-2b4d-4e8f-9a1c-0d5e6f7a8b01',
    '/invoices',
    '/settings/users',
    '/settings/api-keys',
    '/settings/activity',
  ]) {
    await fitsTheScreen(page, path);
  }
});
