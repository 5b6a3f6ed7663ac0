import { test, expect } from './fixtures/consulta';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The served HTML, as the server sends it (not the browser's DOM), checked by
// the W3C Nu Html Checker (npm vnu-jar, run with the system's Java).
//
// The one message let through: "Bogus comment." on `<!>`, the placeholder that
// Leptos's renderer (tachys) writes after lists, options and other dynamic
// children so that hydration can find them. It is written on every page and
// cannot be turned off without patching the framework; browsers read it as
// an empty comment.

const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message?: string;
  extract?: string;
  hiliteStart?: number;
  hiliteLength?: number;
  lastLine?: number;
  lastColumn?: number;
}

function isHydrationMarker(m: VnuMessage): boolean {
  if (m.message !== 'Bogus comment.' || m.extract === undefined || m.hiliteStart === undefined) return false;
  return m.extract.slice(m.hiliteStart, m.hiliteStart + (m.hiliteLength ?? 0)) === '<!>';
}

/** Every error vnu reports for each named document, except the hydration markers. */
function validate(pages: Map<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consulta-vnu-'));
  try {
    const files = new Map<string, string>();
    let i = 0;
    for (const [name, html] of pages) {
      const file = path.join(dir, `${String(i++).padStart(2, '0')}.html`);
      fs.writeFileSync(file, html);
      files.set(`file:${file}`, name);
    }
    const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...[...files.keys()].map((u) => u.slice(5))], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    let messages: VnuMessage[];
    try {
      messages = JSON.parse(run.stdout).messages;
    } catch {
      throw new Error(`vnu gave no JSON report (exit ${run.status}): ${run.stdout}\n${run.stderr}`);
    }
    return messages
      .filter((m) => m.type !== 'info')
      .filter((m) => !isHydrationMarker(m))
      .map((m) => {
        const name = (m.url && files.get(m.url)) ?? m.url ?? '?';
        return `${name} ${m.lastLine}:${m.lastColumn} ${m.type}${m.subType ? ` (${m.subType})` : ''}: ${m.message} [${m.extract ?? ''}]`;
      });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('every kind of page is valid HTML (W3C Nu checker)', async ({ page, consulta }) => {
  const pages = new Map<string, string>();
  const fetchPage = async (url: string, status = 200) => {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBe(status);
    expect(res.headers()['content-type'], url).toContain('text/html');
    pages.set(url, await res.text());
  };

  // Signed out.
  await fetchPage('/');
  await fetchPage('/sign-in');
  await fetchPage('/no-such-page', 404);

  // The Secretariat, with a consultation made from a template.
  await consulta.signIn();
  await page.goto('/consultations');
  await page.getByLabel('Capacity-building needs assessment (Decision 19.41(b))').check();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await expect(page.getByText('The consultation has been created as a draft.')).toBeVisible();
  const consultation = new URL(page.url()).pathname;
  const question = await page.locator('a[href*="/questions/"]').first().getAttribute('href');
  const section = await page.locator('a[href*="/sections/"]').first().getAttribute('href');
  expect(question).toBeTruthy();
  expect(section).toBeTruthy();

  await fetchPage('/consultations');
  await fetchPage(consultation);
  await fetchPage(question!);
  await fetchPage(section!);
  await fetchPage(`${consultation}/preview/en`);
  await fetchPage(`${consultation}/preview/fr`);
  await fetchPage('/parties');
  await fetchPage('/parties/new');
  await fetchPage('/contacts');
  await fetchPage(`${consultation}/invitations?who=all`);
  await fetchPage('/respond', 404);
  await fetchPage('/glossary');
  await fetchPage('/audit');

  // A refused form, sent back with its errors.
  const refused = await page.request.post('/parties/new', {
    form: { code: '', region: '', name_en: '', name_fr: '', name_es: '' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  pages.set('POST /parties/new (refused)', await refused.text());

  expect(validate(pages)).toEqual([]);
});
