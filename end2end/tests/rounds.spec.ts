import { test, expect, Consulta, ORGANISER, PASSWORD } from './fixtures/consulta';
import type { Page } from '@playwright/test';

/** Nothing on the page is wider than the viewport (a table scrolls inside its own box). */
async function expectNoOverflow(page: Page, what: string) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page, `${what}: page ${widths.page}px wide in a ${widths.viewport}px viewport`).toBeLessThanOrEqual(
    widths.viewport,
  );
}

/** The demo comparison in French, as an organiser for Africa reads it. */
async function expectFrenchComparison(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Synthèse : [DÉMO]');
  await expect(page.getByText('Comparaison avec le cycle précédent :')).toBeVisible();
  // The first round is named, not linked: no workshop of theirs draws on it.
  await expect(page.locator('.round-note').getByRole('link')).toHaveText(['Tous les cycles de cette série']);
  // Responses per group: this round, the previous round and the change.
  const responses = page.getByRole('table', { name: 'Réponses', exact: true });
  await expect(responses.getByRole('columnheader')).toHaveText(['Groupe', 'Réponses', 'Cycle précédent', 'Évolution']);
  await expect(responses.getByRole('rowheader').first()).toContainText('Afrique');
  // The needs overview opens the page, then the heat table of its change.
  await expect(page.getByRole('heading', { name: "Vue d'ensemble des besoins" })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Évolution depuis le cycle précédent' })).toBeVisible();
  const change = page.locator('table.change-table').first();
  await expect(change).toBeVisible();
  await expect(change.locator('caption')).toContainText('Évolution de la note moyenne depuis le cycle précédent');
  await expect(change.getByRole('columnheader').first()).toHaveText('Domaine');
  for (const header of await change.getByRole('columnheader').allTextContents()) {
    if (header !== 'Domaine') expect(header).toContain('Afrique');
  }
  // Compared cells carry the change and the figures in words.
  const compared = change.locator('td.heat');
  expect(await compared.count()).toBeGreaterThan(0);
  await expect(compared.first()).toContainText('cycle précédent : ');
  await expect(compared.first()).toContainText('évolution : ');
  // Nothing of another region.
  await expect(page.getByRole('rowheader', { name: /^(Europe|Asie|Océanie)/ })).toHaveCount(0);
}

test('the Secretariat starts the next round of a closed consultation: the draft carries its questions', async ({
  page,
  consulta,
}) => {
  test.setTimeout(180_000);
  // A consultation of its own: the demo rounds, which other tests read, stay as they are.
  const stamp = Date.now().toString(36);
  const title = `Rounds check ${stamp}`;
  await consulta.signIn();
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByText('The consultation has been created as a draft.')).toBeVisible();
  const firstUrl = page.url().replace(/\?.*$/, '');
  const titles = page.getByRole('group', { name: 'Title' });
  await titles.getByLabel('English').fill(title);
  await titles.getByLabel('French').fill(`Vérification des cycles ${stamp}`);
  await titles.getByLabel('Spanish').fill(`Comprobación de las rondas ${stamp}`);
  await page.getByRole('button', { name: 'Save the texts' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  // A draft has no next round yet.
  await expect(page.getByRole('button', { name: 'Start the next round' })).toHaveCount(0);
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();
  await page.getByRole('button', { name: 'Close the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();
  await expect(page.locator('.meta').first()).toContainText('Closed');
  const questions = await page.locator('ol.questions .prompt').allTextContents();
  const kinds = await page.locator('ol.questions .meta').allTextContents();
  expect(questions.length).toBeGreaterThan(3);

  await page.getByRole('button', { name: 'Start the next round' }).click();
  await expect(page.getByText('The next round has been created as a draft')).toBeVisible();
  const secondUrl = page.url().replace(/\?.*$/, '');
  expect(secondUrl).not.toBe(firstUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.meta').first()).toContainText('Draft');
  // Every question carried over, with its id and type, in its order.
  await expect(page.locator('ol.questions .prompt')).toHaveText(questions);
  await expect(page.locator('ol.questions .meta')).toHaveText(kinds);
  await consulta.expectAccessible();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoOverflow(page, 'the new round in the editor');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The previous round no longer offers a next round; the series lists both.
  await page.getByRole('link', { name: 'Previous round' }).click();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByRole('button', { name: 'Start the next round' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Next round' })).toHaveAttribute('href', new URL(secondUrl).pathname);
  await page.getByRole('link', { name: 'All rounds of this series' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rounds: ${title}`);
  const series = page.getByRole('table', { name: 'Responses per region, round by round' });
  await expect(series.getByRole('rowheader')).toHaveCount(2);
  await expect(series.getByRole('rowheader').nth(0)).toContainText(`Round 1: ${title}`);
  await expect(series.getByRole('rowheader').nth(1)).toContainText(`Round 2: ${title}`);
  await expect(series.getByRole('rowheader').nth(1)).toContainText('Draft');
  await consulta.expectAccessible();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoOverflow(page, 'the series page');
  expect(consulta.consoleErrors).toEqual([]);
});

test('an organiser reads the demo comparison in French: the change column, the heat table of the change, the series', async ({
  page,
  consulta,
}) => {
  test.setTimeout(120_000);
  await consulta.signIn(ORGANISER);
  await page.getByRole('link', { name: 'Summaries', exact: true }).click();
  await page.getByRole('link', { name: /^\[DEMO\] Capacity-building needs assessment/ }).click();
  const summaryUrl = page.url();
  await consulta.switchTo('Français');
  await expectFrenchComparison(page);
  await consulta.expectAccessible();

  // On a phone, nothing overflows: the wide tables scroll in their own box.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoOverflow(page, 'the comparison');
  await consulta.screenshot('rounds-comparison-fr-360');
  await consulta.expectAccessible();
  await page.setViewportSize({ width: 1280, height: 720 });

  // The series: the round they may read, with Africa's responses.
  await page.getByRole('link', { name: 'Tous les cycles de cette série' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cycles : [DÉMO]');
  const series = page.getByRole('table', { name: 'Réponses par région, cycle par cycle' });
  await expect(series.getByRole('columnheader')).toHaveText(['Cycle', 'Afrique', 'Consulter']);
  await expect(series.getByRole('row').filter({ has: page.getByRole('rowheader') })).toHaveCount(1);
  await expect(series.getByRole('cell', { name: '38', exact: true })).toBeVisible();
  await consulta.expectAccessible();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoOverflow(page, 'the series page');
  await consulta.expectAccessible();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('link', { name: 'Comparaison avec le cycle précédent' }).click();
  await expect(page).toHaveURL(new RegExp(`${new URL(summaryUrl).pathname}#needs-h$`));
  await expect(page.getByRole('heading', { name: 'Évolution depuis le cycle précédent' })).toBeVisible();
  expect(consulta.consoleErrors).toEqual([]);
});

// axe and the width check run scripts in the page, which this context
// forbids: the page is the same server-rendered HTML the test above checks.
test('the demo comparison reads the same without JavaScript, in French', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const consulta = new Consulta(page);
  await consulta.signIn(ORGANISER, PASSWORD);
  await page.getByRole('link', { name: 'Summaries', exact: true }).click();
  await consulta.switchTo('Français');
  await page.getByRole('link', { name: /^\[DÉMO\] / }).first().click();
  await expectFrenchComparison(page);
  await page.getByRole('link', { name: 'Tous les cycles de cette série' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cycles : [DÉMO]');
  await expect(page.getByRole('table', { name: 'Réponses par région, cycle par cycle' })).toBeVisible();
  await context.close();
});
