import { test, expect } from './fixtures/consulta';

test('create from a template, pass the translation gate, open, preview in three languages', async ({ page, consulta }) => {
  test.setTimeout(90_000); // fourteen pages and their axe checks: about 30 s on a busy 2-core machine
  await consulta.signIn();
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultations');
  await consulta.expectAccessible();

  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByText('The consultation has been created as a draft.')).toBeVisible();
  await consulta.expectAccessible();

  // Empty the Spanish title, set a deadline, and try to open.
  const titles = page.getByRole('group', { name: 'Title' });
  await titles.getByLabel('Spanish').fill('');
  await page.getByRole('button', { name: 'Save the texts' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cannot be opened while texts are missing');
  await expect(alert).toContainText('title — Spanish');
  await consulta.expectAccessible();
  await consulta.screenshot('editor-gate-refused-en');

  // Fill it in and open.
  await page.getByRole('group', { name: 'Title' }).getByLabel('Spanish').fill('Evaluación de las necesidades de fomento de capacidad (Decisión 19.41 b))');
  await page.getByRole('button', { name: 'Save the texts' }).click();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();
  await expect(page.locator('.meta').first()).toContainText('Open');
  await consulta.screenshot('editor-open-en');

  // A question in the editor.
  await page.getByRole('link', { name: /Edit question Rate your Party/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Edit question capacity');
  await consulta.expectAccessible();
  await consulta.screenshot('editor-question-en');
  await page.getByRole('link', { name: 'Back to the consultation' }).click();

  for (const [lang, heading, text] of [
    ['fr', 'Évaluation des besoins en matière de renforcement des capacités (décision 19.41 b))', 'Organe de gestion'],
    ['es', 'Evaluación de las necesidades de fomento de capacidad (Decisión 19.41 b))', 'Autoridad Administrativa'],
    ['en', 'Capacity-building needs assessment (Decision 19.41(b))', 'Management Authority'],
  ]) {
    await page.goto(page.url().replace(/\?.*$/, '').replace(/\/preview\/.*$/, '') + `/preview/${lang}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByLabel(text, { exact: true })).toBeVisible();
    await consulta.expectAccessible();
    await consulta.screenshot(`preview-${lang}`);
    await page.goto(page.url().replace(/\/preview\/.*$/, ''));
  }
  expect(consulta.consoleErrors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the French preview works, glossary terms open in place', async ({ page, consulta }) => {
    await consulta.signIn();
    await page.goto('/consultations');
    await page.getByLabel('Regional consultation and technical workshop (Decision 19.43)').check();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await expect(page.getByText('The consultation has been created as a draft.')).toBeVisible();
    await page.getByRole('link', { name: 'Preview in French' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('.survey')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consultation régionale et atelier technique (décision 19.43)');
    await expect(page.getByRole('combobox', { name: 'Choix n° 1' })).toBeVisible();
    await consulta.screenshot('preview-fr-nojs');
  });

  test('the editor works: add a section and a question, edit it', async ({ page, consulta }) => {
    await consulta.signIn();
    await page.goto('/consultations');
    await page.getByLabel('A blank consultation').check();
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('button', { name: 'Add a section' }).click();
    await page.getByLabel('New question of type').selectOption('single_choice');
    await page.getByRole('button', { name: 'Add the question' }).click();
    await page.getByRole('link', { name: /Edit question/ }).click();
    const prompt = page.getByRole('group', { name: /Question/ });
    await prompt.getByLabel('English').fill('Does your Party have e-permitting?');
    await prompt.getByLabel('French').fill('Votre Partie délivre-t-elle des permis électroniques ?');
    await prompt.getByLabel('Spanish').fill('¿Su Parte expide permisos electrónicos?');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await expect(page.getByText('Your changes have been saved.')).toBeVisible();
    await expect(page.locator('.prompt', { hasText: 'Does your Party have e-permitting?' })).toBeVisible();
    await consulta.screenshot('editor-blank-nojs');
  });
});

test('a blank consultation is named and accessible while its texts are empty', async ({ page, consulta }) => {
  await consulta.signIn();
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await page.getByLabel('A blank consultation').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled consultation');
  await consulta.expectAccessible();
  const editor = page.url().replace(/\?.*$/, '');

  // A section with two single-choice questions whose answers have no text yet;
  // the second may depend on the first.
  await page.getByRole('button', { name: 'Add a section' }).click();
  for (let i = 0; i < 2; i++) {
    await page.getByLabel('New question of type').selectOption('single_choice');
    await page.getByRole('button', { name: 'Add the question' }).click();
    await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  }
  await consulta.expectAccessible();
  await page.goto(`${editor}/questions/q2`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('q2');
  await consulta.expectAccessible();
  await consulta.screenshot('editor-blank-question');

  // The list names the untitled draft.
  await page.goto('/consultations');
  await expect(page.getByRole('link', { name: 'Untitled consultation' }).first()).toBeVisible();
  await consulta.expectAccessible();
});
