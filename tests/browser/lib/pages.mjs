// The public pages under test, each as a way to reach it in a browser page, and the joins that
// produce the confirmation links some of them need.

import assert from 'node:assert/strict';

import { LANGUAGES, langTag } from './languages.mjs';

export { LANGUAGES };

/** Same link, in another language's path (`/xx/confirm/<token>`). */
export function inLanguage(link, lang) {
  const url = new URL(link);
  url.pathname = url.pathname.replace(/^\/[a-z]{2}\//, `/${lang}/`);
  return url.toString();
}

/** Fills in and sends the join form through the page, as a person would with a mouse. */
export async function joinWithForm(page, base, lang, { name, email }) {
  await page.goto(`${base}/${lang}/join`);
  await page.fill('#field-full_name', name);
  await page.fill('#field-email', email);
  await Promise.all([page.waitForURL(`${base}/${lang}/join/check-email`), page.click('form[action$="/join"] button[type=submit]')]);
}

/**
 * For every language: one pending confirmation link (for the confirm page) and one used link
 * (for the "already used" page, reached by confirming it here).
 */
export async function prepareLinks(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const links = {};
  try {
    for (const lang of LANGUAGES) {
      await joinWithForm(page, server.base, lang, { name: 'Amara Diallo', email: `amara@pending-${lang}.example.org` });
      await joinWithForm(page, server.base, lang, { name: 'Jean Tremblay', email: `jean@used-${lang}.example.org` });
    }
    for (const lang of LANGUAGES) {
      const pending = await server.waitForLink(`pending-${lang}.example.org`);
      const used = await server.waitForLink(`used-${lang}.example.org`);
      await page.goto(inLanguage(used, lang));
      await Promise.all([
        page.waitForURL(`${server.base}/${lang}/join/confirmed`),
        page.click('form.button-form button[type=submit]'),
      ]);
      links[lang] = { pending: inLanguage(pending, lang), used: inLanguage(used, lang) };
    }
  } finally {
    await context.close();
  }
  return links;
}

/**
 * The page states: `name` (used in test titles and screenshot names) and `open(page, base,
 * lang, links)`, which leaves the page showing that state and returns the expected status.
 */
export const PAGES = [
  { name: 'home', open: (page, base, lang) => visit(page, `${base}/${lang}/`, 200) },
  { name: 'join', open: (page, base, lang) => visit(page, `${base}/${lang}/join`, 200) },
  {
    name: 'join-errors',
    open: async (page, base, lang) => {
      await visit(page, `${base}/${lang}/join`, 200);
      await page.fill('#field-full_name', '');
      await page.fill('#field-email', 'not-an-email');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/${lang}/join`),
        page.click('form[action$="/join"] button[type=submit]'),
      ]);
      await page.waitForLoadState('load');
      assert.ok(
        await page.locator('.error-summary').count(),
        `the join form sent with an empty name and a bad address should come back with an error summary (status ${response.status()})`,
      );
    },
  },
  { name: 'check-email', open: (page, base, lang) => visit(page, `${base}/${lang}/join/check-email`, 200) },
  { name: 'confirm', open: (page, base, lang, links) => visit(page, links[lang].pending, 200) },
  { name: 'confirmed', open: (page, base, lang) => visit(page, `${base}/${lang}/join/confirmed`, 200) },
  { name: 'link-used', open: (page, base, lang, links) => visit(page, links[lang].used, 410) },
  { name: 'link-unknown', open: (page, base, lang) => visit(page, `${base}/${lang}/confirm/${'0'.repeat(64)}`, 404) },
  { name: 'accessibility', open: (page, base, lang) => visit(page, `${base}/${lang}/accessibility`, 200) },
  { name: 'not-found', open: (page, base, lang) => visit(page, `${base}/${lang}/nowhere`, 404) },
];

async function visit(page, url, status) {
  const response = await page.goto(url);
  assert.equal(response.status(), status, `GET ${url} answered ${response.status()}, expected ${status}`);
  const htmlLang = await page.getAttribute('html', 'lang');
  const lang = new URL(url).pathname.split('/')[1];
  assert.equal(htmlLang, langTag(lang), `${url} should be in ${lang}`);
}
