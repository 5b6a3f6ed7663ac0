import { test, expect } from './fixtures/consulta';
import type { Page, Request } from '@playwright/test';

/** The islands bundle: its JS loader and its wasm. */
const isBundle = (r: Request) => /\/pkg\/[^/?]+\.(js|wasm)(\?|$)/.test(r.url());

/** Every request for the islands bundle that `page` makes from now on. */
function bundleRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => { if (isBundle(r)) seen.push(new URL(r.url()).pathname); });
  return seen;
}

test('a page without islands never loads the bundle, even when used', async ({ page, consulta }) => {
  const bundle = bundleRequests(page);
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill('someone@example.org');
  await page.getByLabel('Password').click();
  await page.waitForLoadState('networkidle');
  expect(bundle).toEqual([]);
  expect(consulta.consoleErrors).toEqual([]);
});

test('the bundle loads when an answer is first reached; what was typed meanwhile is kept and checked', async ({ page, consulta }) => {
  test.setTimeout(90_000);
  await consulta.signIn();
  await page.goto('/consultations');
  await page.getByLabel('A blank consultation').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  const editor = page.url().replace(/\?.*$/, '');
  await page.getByRole('button', { name: 'Add a section' }).click();
  for (let i = 0; i < 2; i++) {
    await page.getByLabel('New question of type').selectOption('number');
    await page.getByRole('button', { name: 'Add the question' }).click();
    await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  }

  // The preview shows both whole-number questions, each an island.
  const bundle = bundleRequests(page);
  await page.goto(`${editor}/preview/en`);
  await page.waitForLoadState('networkidle');
  const first = page.locator('input.number').nth(0);
  const second = page.locator('input.number').nth(1);
  const firstError = page.locator('leptos-island').nth(0).locator('.field-error');
  const secondError = page.locator('leptos-island').nth(1).locator('.field-error');
  await expect(page.locator('leptos-island')).toHaveCount(2);
  expect(bundle, 'nothing loaded before a person reaches an island').toEqual([]);

  // Hold the wasm back, so that typing happens before the islands are live.
  let release = () => {};
  const released = new Promise<void>((r) => { release = r; });
  await page.route(/\/pkg\/[^/?]+\.wasm(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  const wasmAsked = page.waitForRequest((r) => /\.wasm(\?|$)/.test(r.url()));
  await first.click();
  await wasmAsked;
  await page.keyboard.type('1x');
  await second.click(); // the first field's `change`, missed by the island
  await page.keyboard.type('2');
  await expect(firstError).toHaveText('');
  release();
  await page.waitForFunction(() => '__hydrateIsland' in window);

  // The missed check is made, nothing typed is lost, the focus stays.
  await expect(firstError).toHaveText('Enter a number, for example 12 or 12.5.');
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveValue('1x');
  await expect(second).toBeFocused();
  await expect(second).toHaveValue('2');
  await expect(secondError).toHaveText('');

  // From then on each answer is checked as it is left.
  await page.keyboard.type(',5');
  await page.keyboard.press('Tab');
  await expect(secondError).toHaveText('Enter a whole number.');
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await first.fill('12');
  await first.blur();
  await expect(firstError).toHaveText('');
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');
  expect(new Set(bundle).size, 'the JS and the wasm, once each').toBe(2);
  expect(consulta.consoleErrors).toEqual([]);
});

test('a bundle that could not load is asked for again at the next interaction', async ({ page, consulta }) => {
  await consulta.signIn();
  let tries = 0;
  await page.route(/\/pkg\/[^/?]+\.wasm(\?|$)/, async (route) => {
    tries += 1;
    if (tries === 1) await route.abort('connectionfailed');
    else await route.continue();
  });
  await page.goto('/parties/new');
  const code = page.getByLabel('Code');
  const firstTry = page.waitForEvent('requestfailed', (r) => /\.wasm(\?|$)/.test(r.url()));
  await code.click();
  await firstTry;
  await page.getByLabel('Name in English').click();
  expect(await page.evaluate(() => '__hydrateIsland' in window), 'not hydrated after the failure').toBe(false);
  await code.click();
  await page.waitForFunction(() => '__hydrateIsland' in window);
  expect(tries).toBe(2);
  await code.fill('K3');
  await code.blur();
  await expect(page.locator('#code-error')).toHaveText('Enter two letters, for example KE.');
});
