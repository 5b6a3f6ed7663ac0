import { test, expect, SECRETARIAT } from './fixtures/consulta';

test('sign in, read the register in French then Spanish, sign out', async ({ page, consulta }) => {
  // axe-core reads the 183-Party register several times: about 25 s on two busy cores.
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await consulta.expectAccessible();

  await page.getByRole('link', { name: 'Staff sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await consulta.expectAccessible();

  await consulta.signIn();
  await expect(page.getByText(`You are signed in as ${SECRETARIAT}`)).toBeVisible();
  await consulta.expectAccessible();

  await page.getByRole('link', { name: 'Manage the register of Parties' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parties to CITES');
  await expect(page.getByText(/^\d+ Parties in the register\.$/)).toBeVisible();
  await consulta.expectAccessible();

  await consulta.switchTo('Français');
  await expect(page).toHaveURL(/\/parties$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parties à la CITES');
  await expect(page.getByRole('heading', { name: /Amérique du Nord/ })).toBeVisible();
  await consulta.expectAccessible();

  await consulta.switchTo('Español');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partes en la CITES');
  await expect(page.getByText(/^\d+ Partes en el registro\.$/)).toBeVisible();
  await consulta.expectAccessible();
  await consulta.screenshot('parties-es');

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByText('Ha cerrado la sesión.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
  await consulta.expectAccessible();
  expect(consulta.consoleErrors).toEqual([]);
});

test('a wrong password gives one translated message and keeps the e-mail', async ({ page, consulta }) => {
  await page.goto('/lang/fr?next=/sign-in');
  await consulta.signIn(SECRETARIAT, 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('La connexion a échoué.');
  await expect(page.getByLabel('Adresse électronique')).toHaveValue(SECRETARIAT);
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await consulta.expectAccessible();
});

test('the Party code is checked as it is typed (island), and again by the server', async ({ page, consulta }) => {
  await consulta.signIn();
  await page.goto('/parties/new');
  await consulta.expectAccessible();
  const code = page.getByLabel('Code');
  await code.fill('K3');
  await code.blur();
  await expect(page.locator('#code-error')).toHaveText('Enter two letters, for example KE.');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await code.fill('ss');
  await code.blur();
  await expect(page.locator('#code-error')).toHaveText('');
  await page.getByLabel('CITES region').selectOption('africa');
  await page.getByLabel('Name in English').fill('South Sudan');
  await page.getByLabel('Name in French').fill('Soudan du Sud');
  await page.getByLabel('Name in Spanish').fill('Sudán del Sur');
  await consulta.screenshot('party-new-en');
  await page.getByRole('button', { name: 'Add the Party' }).click();
  await expect(page.getByText('The Party has been added.')).toBeVisible();
  await expect(page.locator('#party-SS')).toContainText('South Sudan');
  expect(consulta.consoleErrors).toEqual([]);
});

test('on a 360-pixel phone screen nothing overflows', async ({ page, consulta }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await consulta.signIn();
  await page.goto('/parties/KE');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await consulta.screenshot('party-edit-phone');
});
