import { test, expect } from './fixtures/consulta';

test.use({ javaScriptEnabled: false });

test('sign in and correct a name with JavaScript off', async ({ page, consulta }) => {
  await consulta.signIn();
  await expect(page.getByText('You are signed in as')).toBeVisible();
  await page.goto('/parties/KE');
  await page.getByLabel('Name in French').fill('République du Kenya');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The changes have been saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.getByRole('cell', { name: 'République du Kenya', exact: true })).toBeVisible();
});

test('server-side errors come back with the typed values, without JavaScript', async ({ page, consulta }) => {
  await consulta.signIn();
  await page.goto('/parties/new');
  await page.getByLabel('Code').fill('K3');
  await page.getByLabel('CITES region').selectOption('africa');
  await page.getByLabel('Name in English').fill('Nowhere');
  await page.getByLabel('Name in French').fill('Nulle part');
  await page.getByLabel('Name in Spanish').fill('Ninguna parte');
  await page.getByRole('button', { name: 'Add the Party' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter two letters, for example KE.');
  await expect(page.getByLabel('Name in French')).toHaveValue('Nulle part');
  await page.getByLabel('Code').fill('XK');
  await page.getByRole('button', { name: 'Add the Party' }).click();
  await expect(page.getByText('The Party has been added.')).toBeVisible();
  await page.goto('/lang/es?next=/');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByText('Ha cerrado la sesión.')).toBeVisible();
});
