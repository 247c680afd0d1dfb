import { expect, test } from '@playwright/test';

// The API's reference page (Swagger UI, served by the server from its own binary): it renders
// the description the code makes, with nothing fetched from elsewhere.
test('the API reference renders the description offline', async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/api-docs/');
  await expect(page.getByRole('heading', { name: /Billing portal API/ })).toBeVisible();
  const listCustomers = page.locator('.opblock-get', { hasText: '/v1/customers' }).filter({ hasText: 'List customers' });
  await expect(listCustomers).toBeVisible();
  // Opening an operation shows its parameters and answers.
  await listCustomers.locator('.opblock-summary').click();
  const parameters = listCustomers.locator('.parameter__name');
  await expect(parameters.filter({ hasText: /^relationshipStatus$/ })).toBeVisible();
  await expect(parameters.filter({ hasText: /^MS-ContinuationToken$/ })).toBeVisible();
  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
});
