import { test, expect, screenshot, seriousViolations } from './fixtures/consulta';
import { plainText } from './fixtures/eml';
import * as fs from 'node:fs';
import * as path from 'node:path';

test('import contacts, invite a region, open the e-mail and follow its link in French', async ({ page, consulta, browser }) => {
  const outbox = process.env.CONSULTA_E2E_OUTBOX!;
  await consulta.signIn();
  await page.getByRole('link', { name: 'Contacts' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Focal points');
  await consulta.expectAccessible();

  // A CSV file with one bad row: checked row by row, nothing saved yet.
  const csv = [
    'party,name,email,role,language',
    'VU,Zoë Rakotoarisoa,zoe.e2e@vu.example,Management Authority,fr',
    'KE,Wanjiru Kamau,not-an-address,scientific,en',
    'FJ,Aïssatou Diop,aissatou.e2e@fj.example,organe de gestion,fr',
  ].join('\n');
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByRole('alert');
  await expect(report).toContainText('Line 2: ready (zoe.e2e@vu.example, VU)');
  await expect(report).toContainText('Line 3: Enter an e-mail address');
  await consulta.expectAccessible();
  await consulta.screenshot('contacts-import-report');
  await page.getByRole('button', { name: 'Confirm the import' }).click();
  await expect(page.getByText('2 contacts have been added.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'zoe.e2e@vu.example' })).toBeVisible();

  // An open consultation.
  await page.getByRole('link', { name: 'Consultations' }).first().click();
  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();

  // Invite Oceania: count and preview, then send.
  await page.getByRole('link', { name: 'Invitations' }).click();
  await consulta.expectAccessible();
  await page.getByLabel("The Parties' authorities of one region").check();
  // Oceania: no other spec adds contacts there (they run two at a time).
  await page.getByLabel('CITES region', { exact: true }).selectOption({ label: 'Oceania' });
  await page.getByRole('button', { name: 'Count and preview' }).click();
  await expect(page.getByText('2 contacts will be invited')).toBeVisible();
  await page.getByText('The e-mail in French').click();
  await expect(page.getByText(/Consultation CITES : /).first()).toBeVisible();
  await consulta.expectAccessible();
  await consulta.screenshot('invitations-preview');
  await page.getByRole('button', { name: 'Send the invitations' }).click();
  await expect(page.getByText('2 invitations are being sent.')).toBeVisible();

  // The outbox has one .eml per invitee; open Zoë's.
  let eml = '';
  for (let i = 0; i < 60 && !eml; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(outbox, f), 'utf8');
      if (text.includes('zoe.e2e@vu.example')) eml = text;
    }
    if (!eml) await page.waitForTimeout(250);
  }
  expect(eml, 'an .eml for Zoë').not.toBe('');
  const body = plainText(eml);
  expect(body).toContain('31 mars 2099');
  const link = /https?:\/\/\S+\/i\/[0-9a-f]{64}/.exec(body)?.[0];
  expect(link, 'a private link in the e-mail').toBeTruthy();

  // Zoë follows it, in a browser of her own.
  const zoe = await browser.newContext();
  const p = await zoe.newPage();
  await p.goto(link!);
  await expect(p).toHaveURL(/\/respond$/);
  await expect(p.getByRole('heading', { level: 1 })).toContainText('Évaluation des besoins');
  await expect(p.getByText('Veuillez répondre avant le 31 mars 2099')).toBeVisible();
  await expect(p.locator('html')).toHaveAttribute('lang', 'fr');
  expect(await seriousViolations(p)).toEqual([]);
  await screenshot(p, 'respond-fr');
  await zoe.close();
  expect(consulta.consoleErrors).toEqual([]);
});
