import { test, expect, Consulta, ORGANISER, ARTIFACTS } from './fixtures/consulta';
import { validate } from './fixtures/vnu';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';

/** Parses CSV text (quoted fields, doubled quotes) into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  return rows;
}

test('an organiser for Africa reviews the demo summary in Spanish, downloads CSV and XLSX, prints the briefing', async ({
  page,
  consulta,
}) => {
  test.setTimeout(120_000);
  await consulta.signIn(ORGANISER);
  await page.getByRole('link', { name: 'Summaries', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summaries of responses');
  await consulta.expectAccessible();
  await page.getByRole('link', { name: /\[DEMO\] Capacity-building needs assessment/ }).click();
  const summaryUrl = new URL(page.url());
  const id = summaryUrl.pathname.split('/')[2];
  await consulta.switchTo('Español');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Resumen: [DEMO]');

  // Only the groupings of their own region are offered; Africa by status.
  const groupings = page.getByRole('group', { name: 'Agrupar las respuestas' });
  await expect(groupings.getByRole('radio')).toHaveCount(2);
  await groupings.getByLabel('Por región y por condición de donante o receptor').check();
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(page).toHaveURL(/by=region_status/);
  const responses = page.getByRole('table', { name: 'Respuestas', exact: true });
  await expect(responses.getByRole('rowheader', { name: 'África — Recibe apoyo' })).toBeVisible();
  await expect(responses.getByRole('row', { name: /África — Presta apoyo/ })).toContainText(
    'Oculto: menos de 5 respuestas',
  );
  await expect(responses.getByRole('rowheader')).toHaveText([
    'África — Presta apoyo',
    'África — Recibe apoyo',
    'África — Presta y recibe apoyo',
    'África — Ni presta ni recibe apoyo',
  ]);
  // The needs overview's heat table and the charts are on the page.
  await expect(page.getByRole('heading', { name: 'Panorama de las necesidades' })).toBeVisible();
  await expect(page.locator('table.heat-table').first()).toBeVisible();
  await expect(page.locator('figure.chart svg').first()).toBeVisible();
  // Written answers are offered by region only, whatever the grouping.
  await expect(page.getByText(/^Las respuestas escritas se presentan solo por región/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Leer las respuestas: África', exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^Leer las respuestas: África — / })).toHaveCount(0);
  await consulta.expectAccessible();
  const html = await (await page.request.get(page.url())).text();
  expect(await validate(new Map([['summary (es)', html]]))).toEqual([]);
  await consulta.screenshot('summary-es');

  // CSV: UTF-8 with a byte-order mark, Spanish headings, the same suppression.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar en CSV (hoja de cálculo)' }).click(),
  ]);
  const csvBytes = fs.readFileSync(await csvDownload.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csvBytes.subarray(3).toString('utf8'));
  expect(rows[0][0]).toBe('Parte');
  const responseRows = rows.filter((r) => r[0] === 'Respuestas');
  const line = (group: string) => responseRows.find((r) => r[2] === group)!;
  expect(line('África — Recibe apoyo')[3]).toBe('24');
  expect(line('África — Presta y recibe apoyo')[3]).toBe('7');
  expect(line('África — Presta apoyo')[3]).toBe('');
  expect(line('África — Presta apoyo')[9]).toBe('Oculto: menos de 5 respuestas');
  expect(line('África — Ni presta ni recibe apoyo')[3]).toBe('');
  expect(rows.slice(1).every((r) => r[2].startsWith('África'))).toBe(true);
  // A group's size (a group-level line: no question, no item) is shown only
  // for a group of at least k = 5. Any other line's n counts those of a
  // shown group who answered the question (a written-answer line, item
  // empty) or gave that answer (an item's line: a ranked item's "ranked
  // by", a matrix row's raters), and may be under 5.
  // The last column says whose figure a line is: the Parties', or another
  // constituency's (the demo's Committee members, after the Parties').
  const whose = (r: string[]) => r[r.length - 1];
  expect(rows[0][rows[0].length - 1]).toBe('Grupo representado');
  expect(responseRows.every((r) => whose(r) === 'Partes')).toBe(true);
  const sizeLines = rows.slice(1).filter((r) => r[1] === '' && r[4] === '');
  const allSizes = rows.slice(1).filter((r) => r[0].endsWith('Respuestas'));
  expect(sizeLines).toEqual(allSizes);
  expect(sizeLines.filter((r) => whose(r) === 'Partes').map((r) => r[2])).toEqual(
    responseRows.map((r) => r[2]),
  );
  for (const r of sizeLines) {
    if (r[3] !== '') expect(Number(r[3]), r.join(' | ')).toBeGreaterThanOrEqual(5);
  }
  // The Animals Committee's members in Africa, a group of their own; the
  // Committee's whole is the Secretariat's.
  const fauna = sizeLines.filter((r) => whose(r) === 'Comité de Fauna');
  expect(fauna.map((r) => [r[0], r[2], r[3]])).toEqual([['Comité de Fauna — Respuestas', 'África', '6']]);
  // Every n belongs to a shown group of its own constituency and is at
  // most its size.
  const size = new Map(sizeLines.map((r) => [`${whose(r)}|${r[2]}`, r[3]]));
  for (const r of rows.slice(1)) {
    if (r[3] === '') continue;
    const of = size.get(`${whose(r)}|${r[2]}`);
    expect(of, r.join(' | ')).not.toBe('');
    expect(Number.isInteger(Number(r[3])), r.join(' | ')).toBe(true);
    expect(Number(r[3]), r.join(' | ')).toBeLessThanOrEqual(Number(of));
  }

  // XLSX: opened as a spreadsheet, the same lines with numbers as numbers.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar en Excel (XLSX)' }).click(),
  ]);
  const book = XLSX.read(fs.readFileSync(await xlsxDownload.path()));
  expect(book.SheetNames).toEqual(['Resumen']);
  const sheet: unknown[][] = XLSX.utils.sheet_to_json(book.Sheets['Resumen'], { header: 1, defval: '' });
  expect(sheet.length).toBe(rows.length);
  const cell = (group: string) => sheet.find((r) => r[0] === 'Respuestas' && r[2] === group)!;
  expect(cell('África — Recibe apoyo')[3]).toBe(24);
  expect(cell('África — Presta apoyo')[3]).toBe('');
  expect(cell('África — Presta apoyo')[9]).toBe('Oculto: menos de 5 respuestas');

  // The briefing, printed to PDF (A4).
  await page.getByRole('link', { name: 'Nota informativa imprimible' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nota informativa regional');
  await consulta.expectAccessible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('link', { name: 'Volver al resumen' })).toBeHidden();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const pdfPath = path.join(ARTIFACTS, 'briefing-es.pdf');
  const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(20_000);
  await page.emulateMedia({ media: 'screen' });

  // Another region's written answers: not there, by any address.
  const other = await page.request.get(`/consultations/${id}/summary/texts/needs_detail?region=europe&page=1`);
  expect(other.status()).toBe(404);
  const byStatus = await page.request.get(
    `/consultations/${id}/summary/texts/needs_detail?region=africa&status=receives&page=1`,
  );
  expect(byStatus.status()).toBe(404);
  const csvOther = await page.request.get(`/consultations/${id}/summary.csv?by=overall`);
  const otherRows = parseCsv((await csvOther.text()).replace(/^\uFEFF/, ''));
  expect(otherRows.slice(1).every((r) => r[2].startsWith('África'))).toBe(true);
  expect(consulta.consoleErrors).toEqual([]);
});

test('the summary works without JavaScript: grouping chosen by a plain form, free text by page', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill('secretariat@demo.consulta.test');
  await page.getByLabel('Password').fill('e2e-demo-password');
  await page.locator('form[action="/sign-in"] button[type=submit]').click();
  await page.getByRole('link', { name: 'Summaries', exact: true }).click();
  await page.getByRole('link', { name: /\[DEMO\] Capacity-building needs assessment/ }).click();
  await page.getByLabel('By CITES region', { exact: true }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/by=region$/);
  const responses = page.getByRole('table', { name: 'Responses', exact: true });
  await expect(responses.getByRole('row', { name: /North America/ })).toContainText('Withheld: fewer than 5 responses');
  await expect(responses.getByRole('row', { name: /Oceania/ })).toContainText('Withheld: fewer than 5 responses');
  await expect(responses.getByRole('row', { name: /Africa/ })).toContainText('n = 38 Parties');
  await expect(responses.getByRole('row', { name: /Asia/ })).toContainText('n = 24 Parties');
  await expect(responses.getByRole('row', { name: /Central and South America/ })).toContainText('n = 22 Parties');
  await expect(responses.getByRole('row', { name: /Europe/ })).toContainText('n = 30 Parties');
  await page.getByRole('link', { name: 'Read the answers: Africa' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Written answers: Africa');
  await expect(page.locator('blockquote').first()).toBeVisible();
  await expect(page.getByText(/^Written in: (English|French|Spanish)$/).first()).toBeVisible();

  // By status, every margin is withheld (subtraction from the shown regions'
  // cells would reveal the small ones).
  await page.getByRole('link', { name: /^Back to the summary of / }).click();
  await page.getByLabel('By donor/recipient status', { exact: true }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/by=status$/);
  const byStatus = page.getByRole('table', { name: 'Responses', exact: true });
  await expect(byStatus.getByRole('rowheader')).toHaveCount(4);
  for (const row of await byStatus.getByRole('row').filter({ has: page.getByRole('rowheader') }).all()) {
    await expect(row).toContainText('Withheld: fewer than 5 responses');
  }
  await context.close();
});

test('results wait for the close: an open consultation answers "Results after the consultation closes", then its summary shows', async ({
  page,
  browser,
  consulta,
}) => {
  test.setTimeout(180_000);
  // Titles of their own, so that no other consultation is mistaken for this one.
  const stamp = Date.now().toString(36);
  const title = {
    en: `Results at close check ${stamp}`,
    fr: `Vérification des résultats à la clôture ${stamp}`,
    es: `Comprobación de los resultados al cierre ${stamp}`,
  };

  // The Secretariat creates a consultation from a template, titles it, sets
  // a deadline and opens it.
  await consulta.signIn();
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByText('The consultation has been created as a draft.')).toBeVisible();
  const consultationUrl = page.url().replace(/\?.*$/, '');
  const id = new URL(consultationUrl).pathname.split('/')[2];
  const titles = page.getByRole('group', { name: 'Title' });
  await titles.getByLabel('English').fill(title.en);
  await titles.getByLabel('French').fill(title.fr);
  await titles.getByLabel('Spanish').fill(title.es);
  await page.getByRole('button', { name: 'Save the texts' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();
  await expect(page.locator('.meta').first()).toContainText('Open');

  // It links the consultation to the demo workshop for Africa, to whose
  // organiser it is assigned.
  await page.getByRole('link', { name: 'Workshops' }).first().click();
  await page.getByRole('link', { name: '[DEMO] Regional workshop for Africa on capacity-building needs' }).click();
  await page.getByRole('group', { name: 'Consultations it draws on' }).getByLabel(title.en, { exact: true }).check();
  await page.getByRole('button', { name: 'Save the workshop' }).click();
  await expect(page.getByText('The workshop was saved.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: title.en })).toBeVisible();
  await consulta.expectAccessible();

  // The organiser for Africa, in a browser of their own, finds it among the
  // summaries; while it is open, there are no results to see.
  const organiserContext = await browser.newContext();
  const organiserPage = await organiserContext.newPage();
  const organiser = new Consulta(organiserPage);
  await organiser.signIn(ORGANISER);
  await organiserPage.getByRole('link', { name: 'Summaries', exact: true }).click();
  await organiserPage.getByRole('link', { name: title.en, exact: true }).click();
  await expect(organiserPage).toHaveURL(new RegExp(`/consultations/${id}/summary$`));
  const pending: [string, 'English' | 'Français' | 'Español', string][] = [
    ['en', 'English', 'Results after the consultation closes'],
    ['fr', 'Français', 'Résultats après la clôture de la consultation'],
    ['es', 'Español', 'Resultados tras el cierre de la consulta'],
  ];
  for (const [lang, language, heading] of pending) {
    await organiser.switchTo(language);
    await expect(organiserPage.locator('html')).toHaveAttribute('lang', lang);
    await expect(organiserPage.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(organiserPage).toHaveTitle(new RegExp(heading));
    await organiser.expectAccessible();
  }
  const summaryResponse = await organiserPage.request.get(`/consultations/${id}/summary`);
  expect(summaryResponse.status()).toBe(409);
  expect(await validate(new Map([['results pending (es)', await summaryResponse.text()]]))).toEqual([]);
  // Nor by the files' or the other result pages' addresses.
  for (const address of [
    `/consultations/${id}/summary.csv?by=region`,
    `/consultations/${id}/summary.xlsx?by=region`,
    `/consultations/${id}/briefing`,
    `/consultations/${id}/summary/texts/needs_detail?region=africa&page=1`,
  ]) {
    const res = await organiserPage.request.get(address);
    expect(res.status(), address).toBe(409);
    expect(res.headers()['content-type'], address).not.toMatch(/csv|spreadsheet/);
  }

  // The Secretariat closes the consultation.
  await page.goto(consultationUrl);
  await page.getByRole('button', { name: 'Close the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();
  await expect(page.locator('.meta').first()).toContainText('Closed');

  // The organiser now sees its summary: no response came, so Africa's
  // responses are withheld (fewer than 5), in each language.
  const closed: [string, 'English' | 'Français' | 'Español', string, string, string, string][] = [
    ['en', 'English', `Summary: ${title.en}`, 'Responses', 'Africa', 'Withheld: fewer than 5 responses'],
    ['fr', 'Français', `Synthèse : ${title.fr}`, 'Réponses', 'Afrique', 'Masqué : moins de 5 réponses'],
    ['es', 'Español', `Resumen: ${title.es}`, 'Respuestas', 'África', 'Oculto: menos de 5 respuestas'],
  ];
  await organiserPage.reload();
  for (const [lang, language, heading, caption, africa, withheld] of closed) {
    await organiser.switchTo(language);
    await expect(organiserPage.locator('html')).toHaveAttribute('lang', lang);
    await expect(organiserPage.getByRole('heading', { level: 1 })).toHaveText(heading);
    const responses = organiserPage.getByRole('table', { name: caption, exact: true });
    await expect(responses.getByRole('rowheader')).toHaveText([africa]);
    await expect(responses.getByRole('row', { name: new RegExp(africa) })).toContainText(withheld);
    await organiser.expectAccessible();
  }
  const csv = await organiserPage.request.get(`/consultations/${id}/summary.csv?by=region`);
  expect(csv.status()).toBe(200);
  const csvRows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
  expect(csvRows.slice(1).every((r) => r[3] === '')).toBe(true);
  await organiserContext.close();
  expect(organiser.consoleErrors).toEqual([]);
  expect(consulta.consoleErrors).toEqual([]);
});
