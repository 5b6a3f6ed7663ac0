import { test, expect, ORGANISER, ARTIFACTS } from './fixtures/consulta';
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
  await consulta.expectAccessible();
  const html = await (await page.request.get(page.url())).text();
  expect(validate(new Map([['summary (es)', html]]))).toEqual([]);
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
  for (const r of rows.slice(1)) {
    if (r[3] !== '') expect(Number(r[3])).toBeGreaterThanOrEqual(5);
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
  await page.getByRole('link', { name: 'Read the answers: Africa' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Written answers: Africa');
  await expect(page.locator('blockquote').first()).toBeVisible();
  await expect(page.getByText(/^Written in: (English|French|Spanish)$/).first()).toBeVisible();
  await context.close();
});
