import { test, expect, seriousViolations } from './fixtures/consulta';
import { plainText } from './fixtures/eml';
import { validate } from './fixtures/vnu';
import type { Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

// A Committee member, added by the Secretariat, invited by hand and answering
// in Spanish without JavaScript on a phone. North America and the
// ac-e2e.example domain: no other spec adds contacts there, and the member
// is chosen by hand, so specs running beside this one change nothing here.

/**
 * No serious or critical axe-core violation, and nothing wider than 360 px,
 * on a page of a context without JavaScript: axe runs scripts in the page,
 * so it checks a copy of the page's HTML in a 360-px page of the same origin.
 */
async function accessibleOnPhone(page: Page) {
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ viewport: { width: 360, height: 780 } });
  const copy = await context.newPage();
  await copy.goto(new URL('/robots.txt', page.url()).toString());
  await copy.setContent(html, { waitUntil: 'load' });
  const bad = await seriousViolations(copy);
  const width = await copy.evaluate(() => document.documentElement.scrollWidth);
  await context.close();
  expect(bad).toEqual([]);
  expect(width, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
}

/** The HTML the server sends for `url`, in the context of `page` (its cookies). */
async function raw(page: Page, url: string): Promise<string> {
  const res = await page.request.get(url, { maxRedirects: 0 });
  expect(res.status(), url).toBe(200);
  return res.text();
}

/** A consultation of one question, inviting the Parties only (as a file exported from Consulta). */
function document(stamp: number): string {
  const t = (en: string, fr: string, es: string) => ({ en, fr, es });
  return JSON.stringify({
    format: 'consulta.consultation',
    version: 1,
    consultation: {
      title: t(`Committee views ${stamp}`, `Avis des Comités ${stamp}`, `Opiniones de los Comités ${stamp}`),
      introduction: t('Your views on capacity-building.', 'Votre avis sur le renforcement des capacités.', 'Su opinión sobre el fomento de capacidad.'),
      closing: t('', '', ''),
      decision: 'd19_41b',
      respondents: 'per_party',
      allow_changes: false,
      sections: [
        {
          id: 's1',
          title: t('Priorities', 'Priorités', 'Prioridades'),
          questions: [
            {
              id: 'priority',
              prompt: t('Which need comes first?', 'Quel besoin vient en premier ?', '¿Qué necesidad es prioritaria?'),
              required: true,
              kind: {
                type: 'single_choice',
                options: [
                  { id: 'training', label: t('Training', 'Formation', 'Capacitación') },
                  { id: 'guidance', label: t('Guidance', 'Orientations', 'Orientaciones') },
                ],
              },
            },
          ],
        },
      ],
    },
  });
}

test('an Animals Committee member answers in Spanish without JavaScript on a phone', async ({ page, consulta, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `ana.${stamp}@ac-e2e.example`;
  const outbox = process.env.CONSULTA_E2E_OUTBOX!;

  // The Secretariat adds the member: the region they represent, no Party.
  await consulta.signIn();
  await page.goto('/contacts');
  await page.getByRole('combobox', { name: 'Constituency' }).selectOption({ label: 'Animals Committee' });
  await page.getByRole('combobox', { name: 'Region' }).selectOption({ label: 'North America' });
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ana Pérez');
  await page.getByRole('textbox', { name: 'E-mail address', exact: true }).fill(email);
  await page.getByRole('combobox', { name: 'Language of correspondence' }).selectOption('es');
  await page.getByRole('button', { name: 'Add the contact' }).click();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Animals Committee');
  await expect(row).toContainText('North America');
  await consulta.expectAccessible();

  // A consultation that invites the Parties and the Animals Committee.
  await page.goto('/consultations');
  await page.getByLabel('Consultation file (JSON)').fill(document(stamp));
  await page.getByRole('button', { name: 'Import as a new draft' }).click();
  await expect(page.getByText('The file has been imported as a new draft.')).toBeVisible();
  const invited = page.getByRole('group', { name: 'Constituencies invited' });
  await expect(invited.getByLabel('Party (Management, Scientific or other authority)')).toBeChecked();
  await invited.getByLabel('Animals Committee').check();
  await page.getByRole('button', { name: 'Save the texts' }).click();
  await expect(page.locator('#invited')).toContainText('Animals Committee: one response per member');
  await consulta.expectAccessible();
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await expect(page.getByText("The consultation's status has changed.")).toBeVisible();

  // Invited by hand: the count says one, the preview says the capacity.
  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('The contacts chosen below').check();
  await page.getByLabel(new RegExp(email.replace(/[.]/g, '\\.'))).check();
  await page.getByRole('button', { name: 'Count and preview' }).click();
  await expect(page.getByText('One contact will be invited.')).toBeVisible();
  await page.getByText('The e-mail in Spanish').click();
  await expect(page.getByText(/en su calidad de miembro del siguiente órgano/).first()).toBeVisible();
  await consulta.expectAccessible();
  await page.getByRole('button', { name: /^Send the invitations?$/ }).click();
  await expect(page.getByText(/invitations? (is|are) being sent/)).toBeVisible();

  // The e-mail says in which capacity, in Spanish.
  let eml = '';
  for (let i = 0; i < 80 && !eml; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(outbox, f), 'utf8');
      if (text.includes(email)) eml = text;
    }
    if (!eml) await page.waitForTimeout(250);
  }
  expect(eml, 'an .eml for the member').not.toBe('');
  const body = plainText(eml);
  expect(body).toContain('Comité de Fauna (en representación de la región América del Norte)');
  const link = /https?:\/\/\S+\/i\/[0-9a-f]{64}/.exec(body)?.[0];
  expect(link, 'a private link in the e-mail').toBeTruthy();

  // The member answers on a phone, without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const p = await context.newPage();
  await p.goto(link!);
  await expect(p).toHaveURL(/\/respond$/);
  await expect(p.locator('html')).toHaveAttribute('lang', 'es');
  await expect(p.getByRole('heading', { level: 1 })).toContainText('Opiniones de los Comités');
  await expect(p.locator('#capacity')).toContainText(
    'Se le pide que responda en su calidad de miembro del siguiente órgano: Comité de Fauna (en representación de la región América del Norte).',
  );
  await accessibleOnPhone(p);
  // Every page the member sees is valid HTML (W3C Nu checker).
  const pages = new Map<string, string>();
  pages.set('/respond', await raw(p, '/respond'));
  await p.getByRole('link', { name: 'Comenzar a responder' }).click();

  // The profile: the Committee and the region represented; no status question.
  await expect(p.getByText('Comité de Fauna')).toBeVisible();
  await expect(p.getByText('América del Norte')).toBeVisible();
  await expect(p.getByRole('radio')).toHaveCount(0);
  await accessibleOnPhone(p);
  pages.set('/respond/profile', await raw(p, '/respond/profile'));
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();

  // The one question, then the review.
  await expect(p.getByRole('heading', { level: 1 })).toContainText('Prioridades');
  await p.getByLabel('Capacitación').check();
  await accessibleOnPhone(p);
  await p.getByRole('button', { name: 'Guardar y revisar', exact: true }).click();
  await expect(p).toHaveURL(/\/respond\/review$/);
  await expect(p.getByText('Comité de Fauna')).toBeVisible();
  await accessibleOnPhone(p);
  pages.set('/respond/review', await raw(p, '/respond/review'));
  await p.getByRole('button', { name: 'Enviar mis respuestas' }).click();

  // Submitted.
  await expect(p).toHaveURL(/\/respond\/done$/);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Sus respuestas han sido enviadas');
  await expect(p.getByText('nada las vincula a usted')).toBeVisible();
  await accessibleOnPhone(p);
  pages.set('/respond/done', await raw(p, '/respond/done'));
  expect(await validate(pages)).toEqual([]);
  await context.close();
  expect(consulta.consoleErrors).toEqual([]);
});
