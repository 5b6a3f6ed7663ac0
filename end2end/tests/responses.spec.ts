import { test, expect, seriousViolations, type Consulta } from './fixtures/consulta';
import { validate } from './fixtures/vnu';
import type { Browser, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Pages of contexts with JavaScript turned off. */
const noScript = new WeakSet<Page>();

/**
 * The page to check: itself, or — axe and layout checks run scripts in the
 * page — a copy of its HTML in a 360-px page of the same origin that runs them.
 */
async function checkable(page: Page): Promise<[Page, () => Promise<void>]> {
  if (!noScript.has(page)) return [page, async () => {}];
  const html = await page.content();
  const context = await page.context().browser()!.newContext({ viewport: { width: 360, height: 780 } });
  const copy = await context.newPage();
  await copy.goto(new URL('/robots.txt', page.url()).toString());
  await copy.setContent(html, { waitUntil: 'load' });
  return [copy, () => context.close()];
}

/** No serious or critical axe-core violation on `page`. */
async function accessible(page: Page) {
  const [target, done] = await checkable(page);
  const bad = await seriousViolations(target);
  await done();
  expect(bad).toEqual([]);
}

/** Nothing wider than a 360-px phone screen. */
async function fitsPhone(page: Page) {
  const [target, done] = await checkable(page);
  const width = await target.evaluate(() => document.documentElement.scrollWidth);
  await done();
  expect(width, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
}

/** The private links sent to `addresses`, by recipient address. */
async function links(page: Page, addresses: string[]): Promise<Map<string, string>> {
  const outbox = process.env.CONSULTA_E2E_OUTBOX!;
  const found = new Map<string, string>();
  const missing = () => addresses.some((a) => !found.has(a));
  for (let i = 0; i < 80 && missing(); i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    for (const f of files) {
      const eml = fs.readFileSync(path.join(outbox, f), 'utf8');
      const to = /^To: .*<([^>]+)>/m.exec(eml)?.[1] ?? /^To: (\S+)/m.exec(eml)?.[1];
      // The link is in both parts; the HTML part's href is plain ASCII.
      const link = /https?:\/\/[^\s"<>]+\/i\/[0-9a-f]{64}/.exec(eml.replace(/=\r?\n/g, ''))?.[0];
      if (to && link) found.set(to, link);
    }
    if (missing()) await page.waitForTimeout(250);
  }
  return found;
}

/** The Secretariat adds focal points, opens a needs assessment and invites them all. */
async function inviteAll(consulta: Consulta, page: Page, people: [string, string, string, string][]) {
  await consulta.signIn();
  for (const [party, name, email, lang] of people) {
    await page.goto('/contacts');
    await page.getByRole('combobox', { name: 'Party', exact: true }).selectOption(party);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await page.getByRole('textbox', { name: 'E-mail address', exact: true }).fill(email);
    await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Management Authority' });
    await page.getByRole('combobox', { name: 'Language of correspondence' }).selectOption(lang);
    await page.getByRole('button', { name: 'Add the contact' }).click();
    await expect(page.getByRole('cell', { name: email })).toBeVisible();
  }
  await page.goto('/consultations');
  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await page.getByLabel('Deadline (UTC)').fill('2099-03-31T17:00');
  await page.getByRole('button', { name: 'Save the dates' }).click();
  await page.getByRole('button', { name: 'Open the consultation' }).click();
  await page.getByRole('link', { name: 'Invitations' }).click();
  await page.getByLabel('Every active contact').check();
  await page.getByRole('button', { name: 'Count and preview' }).click();
  await page.getByRole('button', { name: /^Send the invitations?$/ }).click();
  await expect(page.getByText(/invitations? (is|are) being sent/)).toBeVisible();
}

async function newRespondent(browser: Browser, link: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  if (!javaScriptEnabled) noScript.add(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await expect(page).toHaveURL(/\/respond$/);
  return { context, page, errors };
}

test('a Party answers the needs assessment in French without JavaScript; a colleague shares the draft', async ({ page, consulta, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const zoe = `zoe.${stamp}@mg.example`;
  const hery = `hery.${stamp}@mg.example`;
  await inviteAll(consulta, page, [
    ['MG', 'Zoë Rakotoarisoa', zoe, 'fr'],
    ['MG', 'Hery Randria', hery, 'fr'],
  ]);
  const found = await links(page, [zoe, hery]);
  const zoeLink = [...found.entries()].find(([to]) => to === zoe)?.[1];
  const heryLink = [...found.entries()].find(([to]) => to === hery)?.[1];
  expect(zoeLink && heryLink).toBeTruthy();

  const z = await newRespondent(browser, zoeLink!, false);
  const p = z.page;
  await expect(p.getByRole('heading', { level: 1 })).toContainText('Évaluation des besoins');
  await accessible(p);
  await p.getByRole('link', { name: 'Commencer à répondre' }).click();
  // The profile: region shown, status declared.
  await expect(p.getByText('Afrique')).toBeVisible();
  await p.getByLabel('Reçoit un appui', { exact: true }).check();
  await accessible(p);
  await fitsPhone(p);
  await p.getByRole('button', { name: 'Enregistrer et continuer', exact: true }).click();
  // Part 2: the authority.
  await p.getByLabel('Organe de gestion', { exact: true }).check();
  await p.getByRole('button', { name: 'Enregistrer et continuer', exact: true }).click();
  // Part 3: the capacity matrix, one group per implementation area.
  await expect(p.getByRole('group', { name: 'Législation' })).toBeVisible();
  await accessible(p);
  await fitsPhone(p);
  for (const area of await p.locator('fieldset.matrix-row').all()) {
    await area.getByLabel('1 — Capacité limitée').check();
  }
  await consulta.screenshot('respond-matrix-360');
  await p.getByRole('button', { name: 'Enregistrer et continuer', exact: true }).click();
  // Part 4: a ranking with a mistake, corrected; nothing typed is lost.
  await p.getByLabel('Choix n° 1').selectOption({ label: 'Législation' });
  await p.getByLabel('Choix n° 2').selectOption({ label: 'Législation' });
  await p.getByLabel('Décrivez vos besoins les plus pressants.').fill('Former les agents des douanes.');
  await p.getByRole('button', { name: 'Enregistrer et continuer', exact: true }).click();
  await expect(p.getByRole('alert')).toContainText('La même option est choisie pour deux rangs.');
  await expect(p.getByLabel('Décrivez vos besoins les plus pressants.')).toHaveValue('Former les agents des douanes.');
  await accessible(p);
  await p.getByLabel('Choix n° 2').selectOption({ label: 'Traçabilité' });
  await p.getByLabel('Choix n° 3').selectOption({ label: 'Identification des spécimens' });
  // Save and continue later; resume in a new browser (another device).
  await p.getByRole('button', { name: 'Enregistrer et continuer plus tard' }).click();
  await expect(p.getByText('Vos réponses sont enregistrées.')).toBeVisible();
  await z.context.close();

  const h = await newRespondent(browser, heryLink!, false);
  await expect(h.page.getByText('Les réponses de votre Partie sont enregistrées comme brouillon')).toBeVisible();
  await h.page.getByRole('link', { name: 'Continuer à répondre' }).click();
  await expect(h.page.getByLabel('Reçoit un appui', { exact: true })).toBeChecked();
  await h.page.goto('/respond/review');
  await expect(h.page.getByText('Former les agents des douanes.')).toBeVisible();
  await accessible(h.page);
  // "For Parties that provide support" does not apply to a receiving Party.
  await expect(h.page.getByText('Par quels moyens votre Partie fournit-elle')).toHaveCount(0);
  await h.page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(h.page.getByRole('heading', { level: 1 })).toHaveText('Vos réponses ont été soumises');
  await accessible(h.page);
  await h.page.getByRole('link', { name: 'Voir et imprimer une copie des réponses' }).click();
  await expect(h.page.getByText('Former les agents des douanes.')).toBeVisible();
  await h.page.emulateMedia({ media: 'print' });
  await expect(h.page.getByRole('button')).toHaveCount(0);
  await h.context.close();

  // Zoë comes back: her Party has answered.
  const z2 = await newRespondent(browser, zoeLink!, false);
  await expect(z2.page.getByText('Votre Partie a répondu')).toBeVisible();
  await accessible(z2.page);
  await z2.context.close();
});

test('a Party answers in Spanish with JavaScript on, on a phone', async ({ page, consulta, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `begona.${stamp}@bo.example`;
  await inviteAll(consulta, page, [['BO', 'Begoña Núñez', email, 'es']]);
  const found = await links(page, [email]);
  const link = [...found.entries()].find(([to]) => to === email)?.[1];
  // The first page, every asset included, as the browser downloads it
  // (compressed bytes on the wire, from the DevTools protocol).
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const first = await context.newPage();
  const cdp = await context.newCDPSession(first);
  await cdp.send('Network.enable');
  let bytes = 0;
  const urls: string[] = [];
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  cdp.on('Network.responseReceived', (e) => { urls.push(`${e.response.url.replace(/\/i\/[0-9a-f]+/, '/i/…')} ${e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? ''}`); });
  await first.goto(link!);
  await first.waitForLoadState('networkidle');
  console.log(`respondent's first page: ${bytes} bytes on the wire (${urls.length} responses: ${urls.join(', ')})`);
  expect(bytes, 'first page within 60 KB').toBeLessThanOrEqual(60_000);
  // The page has no island: the islands bundle is not loaded at all.
  expect(urls.filter((u) => /\/pkg\/[^ ?]+\.(js|wasm)[ ?]/.test(u))).toEqual([]);
  await context.close();

  const r = await newRespondent(browser, link!, true);
  const p = r.page;
  await expect(p.locator('html')).toHaveAttribute('lang', 'es');
  await p.getByRole('link', { name: 'Comenzar a responder' }).click();
  await expect(p.getByText('América Central, del Sur y el Caribe')).toBeVisible();
  await p.getByLabel('Presta y recibe apoyo', { exact: true }).check();
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  await p.getByLabel('Autoridad Administrativa', { exact: true }).check();
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  for (const area of await p.locator('fieldset.matrix-row').all()) {
    await area.getByLabel('2 — Capacidad adecuada', { exact: false }).check();
  }
  await fitsPhone(p);
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  await p.getByLabel('Opción n.º 1').selectOption({ label: 'Legislación' });
  await p.getByLabel('Opción n.º 2').selectOption({ label: 'Trazabilidad' });
  await p.getByLabel('Opción n.º 3').selectOption({ label: 'Observancia y control fronterizo' });
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  // A Party that provides support sees the providers' questions.
  await expect(p.getByText('¿Por qué vías presta su Parte apoyo')).toBeVisible();
  await accessible(p);
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  await p.getByRole('button', { name: 'Guardar y revisar' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Revise sus respuestas');
  await accessible(p);
  // Every respondent page is valid HTML, as the server sends it.
  const pages = new Map<string, string>();
  for (const url of ['/respond', '/respond/profile', '/respond/section/areas', '/respond/section/needs', '/respond/review', '/respond/all', '/respond/print']) {
    const res = await p.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    pages.set(url, await res.text());
  }
  const version = /name="version" value="(\d+)"/.exec(pages.get('/respond/section/needs')!)![1];
  const refused = await p.request.post('/respond/section/needs', {
    form: { version, go: 'next', 'q.priority_areas.1': 'legislation', 'q.priority_areas.2': 'legislation' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(422);
  pages.set('POST /respond/section/needs (refused)', await refused.text());
  // The refused page replaced the section's answers: answer it again.
  await p.goto('/respond/section/needs');
  await p.getByLabel('Opción n.º 2').selectOption({ label: 'Trazabilidad' });
  await p.getByLabel('Opción n.º 3').selectOption({ label: 'Observancia y control fronterizo' });
  await p.getByRole('button', { name: 'Guardar y continuar', exact: true }).click();
  await p.goto('/respond/review');
  await p.getByRole('button', { name: 'Enviar mis respuestas' }).click();
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('Sus respuestas han sido enviadas');
  await accessible(p);
  for (const url of ['/respond/done', '/respond/copy']) {
    const res = await p.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(200);
    pages.set(url, await res.text());
  }
  expect(await validate(pages)).toEqual([]);
  expect(r.errors).toEqual([]);
  await r.context.close();
  expect(consulta.consoleErrors).toEqual([]);
});
