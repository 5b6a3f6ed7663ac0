import { test, expect } from './fixtures/consulta';
import { validate } from './fixtures/vnu';

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

  expect(await validate(pages)).toEqual([]);
});

test('the HTML checker reports a broken page and lets only the hydration marker through', async () => {
  const errors = await validate(
    new Map([
      ['broken', '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>a<!></p><div><span></div></body></html>'],
      ['clean', '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><ul><li>é<!></li></ul><!></body></html>'],
    ]),
  );
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => e.startsWith('broken '))).toBe(true);
  expect(errors.join('\n')).toContain('Unclosed element “span”');
  expect(errors.join('\n')).not.toContain('Bogus comment');
});
