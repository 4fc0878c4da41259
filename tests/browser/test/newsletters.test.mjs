// Newsletters (issue 6). The back office in English, French, Spanish and Portuguese (chosen with the
// switch links /admin/lang/<code>): the list, the form and its errors (an empty French subject,
// no chapter), a draft's send page (facts, actions, schedule form, the preview of each
// language, then with every plain-text <details> opened), the schedule form's error (a time
// in the past), the edit form, and a sent newsletter's page (progress, the failures table, the
// archive). The public archive in English, French, Spanish and Portuguese: the list, one chapter's list
// and a published newsletter. Each gets axe-core (WCAG 2.1 A/AA; the back office at 320 CSS px
// too), the reflow checks at 320 CSS px and 200 % zoom, and screenshots.
//
// The sent newsletter goes through the server's own jobs and outbox worker while the mail
// directory is replaced by a file, so every copy fails (worker.max_attempts = 1) and the page
// has failures to list; it is then published with its button.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { ADMIN_ENV, ORGANIZER, adminVisit, signIn } from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting, visit } from '../lib/checks.mjs';
import { joinAndConfirm } from '../lib/members.mjs';
import {
  breakMailDirectory,
  newsletterTexts,
  pressButton,
  waitUntilSent,
  writeNewsletter,
} from '../lib/newsletters.mjs';
import { LANGUAGES } from '../lib/pages.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let browser;
let contexts;
let draftId;
let sentId;

before(async () => {
  server = await startServer({
    env: { ...ADMIN_ENV, RESEAU_WORKER__MAX_ATTEMPTS: '1', RESEAU_WORKER__POLL_INTERVAL_MS: '500' },
    organizers: [ORGANIZER],
  });
  browser = await launch();
  const setup = await browser.newContext();
  const page = await setup.newPage();
  let staff;
  try {
    // Two Canadian members who asked for the newsletter; their welcome emails are written
    // before the mail directory is broken.
    await joinAndConfirm(page, server, { name: 'Amara Diallo', email: 'amara@readers-one.example.org', newsletter: true });
    await joinAndConfirm(page, server, { name: 'Jean Tremblay', email: 'jean@readers-two.example.org', newsletter: true });
    for (const domain of ['readers-one.example.org', 'readers-two.example.org']) {
      await server.waitForLinkTo(domain, '/unsubscribe/[A-Za-z0-9_-]+');
    }

    await signIn(page, server.base);
    draftId = await writeNewsletter(page, server.base,
      newsletterTexts({
        en: 'Health equity roundtable', fr: 'Table ronde sur l’équité en santé',
        es: 'Mesa redonda sobre equidad en salud', pt: 'Mesa-redonda sobre equidade em saúde',
      }));
    sentId = await writeNewsletter(page, server.base,
      newsletterTexts({ en: 'Summit news', fr: 'Nouvelles du sommet', es: 'Noticias de la cumbre' }));

    const mail = await breakMailDirectory(server);
    try {
      await pressButton(page, server.base, sentId, 'send');
      await waitUntilSent(page, server.base, sentId);
    } finally {
      await mail.release();
    }
    assert.ok(await page.locator('table').count(), `the sent newsletter's page should list its failed copies`);
    await pressButton(page, server.base, sentId, 'publish');
    await visit(page, `${server.base}/en/newsletters/${sentId}`, 200, 'en');
    // The sent one has no Portuguese version: /pt/ shows its English text, marked as English.
    // The organizer's session, shared by the contexts that look at the back office.
    staff = await setup.storageState();
  } finally {
    await setup.close();
  }
  contexts = browserContexts(browser, { staff });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const staffPage = (name, path, expect, then) => ({
  name,
  session: 'staff',
  open: async (page, lang) => {
    await adminVisit(page, server.base, path(), lang);
    if (expect) assert.ok(await page.locator(expect).count(), `${page.url()} should show ${expect}`);
    if (then) await then(page, lang);
  },
});

const ADMIN_SPECS = [
  staffPage('admin-newsletters', () => '/admin/newsletters', 'table'),
  staffPage('admin-newsletter-new', () => '/admin/newsletters/new', '#field-subject_fr'),
  staffPage('admin-newsletter-new-errors', () => '/admin/newsletters/new', '#field-subject_fr', async (page) => {
    const texts = newsletterTexts({ en: 'Voting rights', fr: 'Droit de vote', es: 'Derecho al voto' });
    for (const name of ['subject_en', 'body_en', 'body_fr']) await page.fill(`#field-${name}`, texts[name]);
    await page.uncheck('#chapter-canada');
    await submitExpecting(page, 'form[action="/admin/newsletters/new"] button[type=submit]',
      `${server.base}/admin/newsletters/new`, '.error-summary',
      'the newsletter form sent without a French subject or a chapter should come back with an error summary');
    assert.ok(await page.locator('.error-summary a').count() >= 2, 'both problems should be in the error summary');
  }),
  staffPage('admin-newsletter', () => `/admin/newsletters/${draftId}`, 'form[action$="/schedule"]', async (page) => {
    assert.equal(await page.locator('section.preview').count(), 4, 'the draft should be previewed in its four languages');
  }),
  staffPage('admin-newsletter-plain-text', () => `/admin/newsletters/${draftId}`, 'details', async (page) => {
    const summaries = page.locator('section.preview details > summary');
    for (let i = 0; i < await summaries.count(); i += 1) await summaries.nth(i).click();
    assert.equal(await page.locator('pre.preview-text:visible').count(), 4, 'each plain-text version should be open');
  }),
  staffPage('admin-newsletter-schedule-errors', () => `/admin/newsletters/${draftId}`, 'form[action$="/schedule"]',
    async (page) => {
      await page.fill('#field-at', '2020-01-01T09:00');
      await submitExpecting(page, `form[action="/admin/newsletters/${draftId}/schedule"] button[type=submit]`,
        `${server.base}/admin/newsletters/${draftId}/schedule`, '.error-summary',
        'the schedule form sent with a past time should come back with an error summary');
    }),
  staffPage('admin-newsletter-edit', () => `/admin/newsletters/${draftId}/edit`, '#field-subject_en', async (page) => {
    assert.ok(await page.inputValue('#field-subject_en'), 'the edit form should hold the saved subject');
  }),
  staffPage('admin-newsletter-sent', () => `/admin/newsletters/${sentId}`, 'table', async (page) => {
    assert.ok(await page.locator(`form[action="/admin/newsletters/${sentId}/unpublish"]`).count(),
      'the sent newsletter should be in the archive');
  }),
];

const PUBLIC_SPECS = [
  {
    name: 'newsletters',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/newsletters`, 200, lang);
      assert.equal(await page.locator(`a[href="/${lang}/newsletters/${sentId}"]`).count(), 1,
        'the archive should list the published newsletter');
    },
  },
  {
    name: 'newsletters-chapter',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/newsletters?chapter=canada`, 200, lang);
      assert.ok(await page.locator('nav [aria-current="page"]').count(), 'the chosen chapter should be marked');
    },
  },
  {
    name: 'newsletter',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/newsletters/${sentId}`, 200, lang);
      const subject = await page.locator('article > h1').first().innerText();
      assert.ok(subject && (await page.title()).includes(subject), `the archived newsletter should open with its subject (${subject})`);
    },
  },
];

definePageChecks({
  title: 'newsletters in the back office',
  languages: LANGUAGES,
  specs: ADMIN_SPECS,
  screenshots: ADMIN_SPECS.map((s) => s.name),
  narrowAudit: true,
  env: () => ({ contexts }),
});

definePageChecks({
  title: 'the newsletter archive',
  languages: LANGUAGES,
  specs: PUBLIC_SPECS,
  screenshots: PUBLIC_SPECS.map((s) => s.name),
  env: () => ({ contexts }),
});
