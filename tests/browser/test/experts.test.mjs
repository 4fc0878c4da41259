// The Trilateral Expert Network in all four languages: the public directory (empty-handed
// and filtered), a profile with its contact form and that form's errors, the pages after it
// (check your email, sent), the sender's confirmation page and the expert's report page (from
// the links the server printed), a dead link; a member's listing form (new, with its errors,
// and a listed expert's own page with the withdraw page); and the back office's Expert
// Network (queue, profiles, reports), a submission's review page and its errors. Each gets
// axe-core (WCAG 2.1 A/AA; the back office also at 320 CSS px) and the reflow checks at
// 320 CSS px and 200 % zoom; a few get screenshots.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { ADMIN_ENV, ORGANIZER, signIn } from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting, visit } from '../lib/checks.mjs';
import { joinAndConfirm, signInMember } from '../lib/members.mjs';
import { inLanguage } from '../lib/pages.mjs';
import { startServer } from '../lib/server.mjs';

const LANGUAGES = ['en', 'fr', 'es', 'pt'];
/** The html `lang` of each language's pages (BCP 47). */
const TAG = { en: 'en', fr: 'fr', es: 'es', pt: 'pt-BR' };

const EXPERT = { name: 'Amélie Tremblay', email: 'amelie@expert.example.org' };
const PENDING = { name: 'Benito García', email: 'benito@pending.example.org' };
const NEWCOMER = { name: 'Jean Tremblay', email: 'jean@newcomer.example.org' };

let server;
let browser;
let contexts;
let slug;
let pendingId;
const links = {};

/** Fills in and sends the listing form of the member signed in on `page`. */
async function listYourself(page, base, { bioEn, bioFr }) {
  await page.goto(`${base}/en/account/expert`);
  await page.check('#areas-health-equity');
  await page.check('#areas-arts-culture');
  await page.check('#languages-fr');
  await page.check('#languages-en');
  await page.check('#languages-fcs');
  await page.fill('#field-organisation', 'Clinique communautaire de Montréal-Nord');
  await page.fill('#field-org_role', 'Directrice');
  await page.fill('#field-bio_en', bioEn);
  if (bioFr) await page.fill('#field-bio_fr', bioFr);
  await page.check('#field-directory');
  await Promise.all([
    page.waitForURL(`${base}/en/account/expert?saved=listed`),
    page.click('form[action="/en/account/expert"] button[type=submit]'),
  ]);
}

/** Writes to the expert from their profile, as a visitor; lands on check-email or sent. */
async function writeTo(page, base, { name, email, allowReply }) {
  await page.goto(`${base}/en/experts/${slug}`);
  await page.fill('#field-full_name', name);
  await page.fill('#field-email', email);
  await page.fill('#field-subject', 'Une question');
  await page.fill('#field-message', 'Bonjour,\n\nUne question sur vos travaux.');
  if (allowReply) await page.check('#field-allow_reply');
  await Promise.all([
    page.waitForURL(new RegExp(`/en/experts/${slug}/(check-email|sent)$`)),
    page.click(`form[action="/en/experts/${slug}/contact"] button[type=submit]`),
  ]);
}

before(async () => {
  server = await startServer({
    env: {
      ...ADMIN_ENV,
      RESEAU_LIMITS__MAILS_PER_ADDRESS_PER_HOUR: '100',
      // Every state is opened in four languages and five views from one address.
      RESEAU_EXPERTS__PAGES_BURST: '100000',
      RESEAU_EXPERTS__MESSAGES_PER_IP_PER_DAY: '1000',
      RESEAU_EXPERTS__MESSAGES_PER_SENDER_PER_DAY: '1000',
      RESEAU_EXPERTS__MESSAGES_PER_EXPERT_PER_DAY: '1000',
    },
    organizers: [ORGANIZER],
  });
  browser = await launch();
  const sessions = {};
  const session = async (who, work) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await work(page);
      return await context.storageState();
    } finally {
      await context.close();
    }
  };

  // The expert, listed; another member whose listing waits; a member not listed.
  sessions.expert = await session(EXPERT, async (page) => {
    await joinAndConfirm(page, server, EXPERT);
    await signInMember(page, server, EXPERT.email);
    await listYourself(page, server.base, {
      bioEn: 'A family doctor who studies access to care.',
      bioFr: 'Médecin de famille, elle étudie l’accès aux soins.',
    });
  });
  await session(PENDING, async (page) => {
    await joinAndConfirm(page, server, PENDING);
    await signInMember(page, server, PENDING.email);
    await listYourself(page, server.base, { bioEn: 'A lawyer for human rights in Oaxaca.' });
  });
  sessions.member = await session(NEWCOMER, async (page) => {
    await joinAndConfirm(page, server, NEWCOMER);
    await signInMember(page, server, NEWCOMER.email);
  });

  // The organizer approves the expert; the other listing stays in the queue.
  sessions.staff = await session(ORGANIZER, async (page) => {
    await signIn(page, server.base);
    await page.goto(`${server.base}/admin/experts`);
    const hrefs = await page.$$eval('section[aria-labelledby=queue-title] a[href^="/admin/experts/"]', (as) =>
      as.map((a) => [a.textContent, a.getAttribute('href')]));
    const expert = hrefs.find(([text]) => text === EXPERT.name);
    const pending = hrefs.find(([text]) => text === PENDING.name);
    assert.ok(expert && pending, `the queue should list both submissions (found ${JSON.stringify(hrefs)})`);
    pendingId = pending[1].split('/').pop();
    await page.goto(`${server.base}${expert[1]}`);
    await page.check('#decision-approve');
    await Promise.all([
      page.waitForURL(/\?decided=1$/),
      page.click('form[action$="/review"] button[type=submit]'),
    ]);
  });
  const approval = await server.waitForLinkTo('expert.example.org', '/experts/[a-z0-9]{12}');
  slug = new URL(approval).pathname.split('/').pop();

  // A visitor writes twice: one link left unconfirmed (its page is checked), one confirmed,
  // which relays the message and gives the expert a report link.
  await session('visitor', async (page) => {
    await writeTo(page, server.base, { name: 'Lucía Pérez', email: 'lucia@waiting.example.org', allowReply: true });
    links.confirm = await server.waitForLinkTo('waiting.example.org', '/experts/messages/[0-9a-f]{64}');
    await writeTo(page, server.base, { name: 'Marcos Souza', email: 'marcos@sender.example.org', allowReply: false });
    const confirm = await server.waitForLinkTo('sender.example.org', '/experts/messages/[0-9a-f]{64}');
    await page.goto(confirm);
    await Promise.all([
      page.waitForURL(`${server.base}/en/experts/${slug}/sent`),
      page.click('form.button-form button[type=submit]'),
    ]);
  });
  links.report = await server.waitForLinkTo('expert.example.org', '/experts/reports/[0-9a-f]{64}');
  contexts = browserContexts(browser, sessions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (path, status = 200) => (page, lang) => visit(page, `${server.base}/${lang}${path()}`, status, TAG[lang]);

/** A back-office page in `lang`, chosen with the language switch link that returns to it. */
async function adminVisit(page, path, lang, status = 200) {
  const response = await page.goto(`${server.base}/admin/lang/${lang}?back=${encodeURIComponent(path)}`);
  assert.equal(new URL(page.url()).pathname, path, `/admin/lang/${lang} should lead back to ${path}`);
  assert.equal(response.status(), status, `GET ${path} answered ${response.status()}, expected ${status}`);
  assert.equal(await page.getAttribute('html', 'lang'), TAG[lang], `${page.url()} should be in ${lang}`);
}

const PUBLIC = [
  { name: 'experts', open: open(() => '/experts') },
  {
    name: 'experts-filtered',
    open: async (page, lang) => {
      await open(() => '/experts?area=health-equity&language=fcs&country=CA')(page, lang);
      assert.equal(await page.locator('.card').count(), 1, 'the filters should find the expert');
    },
  },
  { name: 'expert', open: open(() => `/experts/${slug}`) },
  {
    name: 'expert-errors',
    open: async (page, lang) => {
      await open(() => `/experts/${slug}`)(page, lang);
      await page.fill('#field-email', 'not-an-email');
      await submitExpecting(page, `form[action="/${lang}/experts/${slug}/contact"] button[type=submit]`,
        `${server.base}/${lang}/experts/${slug}/contact`, '.error-summary',
        'the contact form sent with a bad address and no subject should come back with an error summary');
      assert.equal(await page.getAttribute('html', 'lang'), TAG[lang]);
    },
  },
  { name: 'expert-check-email', open: open(() => `/experts/${slug}/check-email`) },
  { name: 'expert-sent', open: open(() => `/experts/${slug}/sent`) },
  {
    name: 'expert-confirm',
    open: async (page, lang) => {
      await visit(page, inLanguage(links.confirm, lang), 200, TAG[lang]);
      assert.equal(await page.locator('form.button-form button').count(), 1, 'the link page should offer its button');
    },
  },
  {
    name: 'expert-report',
    open: async (page, lang) => {
      await visit(page, inLanguage(links.report, lang), 200, TAG[lang]);
      assert.equal(await page.locator('form.button-form button').count(), 1, 'the report page should offer its button');
    },
  },
  { name: 'expert-link-unknown', open: open(() => `/experts/messages/${'0'.repeat(64)}`, 404) },
];

const MEMBER = [
  { name: 'account-expert-new', session: 'member', open: open(() => '/account/expert') },
  {
    name: 'account-expert-new-errors',
    session: 'member',
    open: async (page, lang) => {
      await open(() => '/account/expert')(page, lang);
      await submitExpecting(page, `form[action="/${lang}/account/expert"] button[type=submit]`,
        `${server.base}/${lang}/account/expert`, '.error-summary',
        'the listing form sent without areas, bio or consent should come back with an error summary');
    },
  },
  {
    name: 'account-expert',
    session: 'expert',
    open: async (page, lang) => {
      await open(() => '/account/expert')(page, lang);
      assert.ok(await page.locator('form[action$="/account/expert/contact"]').count(), 'a listed expert can pause messages');
    },
  },
  { name: 'account-expert-withdraw', session: 'expert', open: open(() => '/account/expert/withdraw') },
  {
    name: 'account-with-listing',
    session: 'expert',
    open: async (page, lang) => {
      await open(() => '/account')(page, lang);
      assert.ok(await page.locator('#expert-title').count(), 'the account page should have the listing section');
    },
  },
];

const staffPage = (name, path, expect) => ({
  name,
  session: 'staff',
  open: async (page, lang) => {
    await adminVisit(page, path(), lang);
    if (expect) assert.ok(await page.locator(expect).count(), `${page.url()} should show ${expect}`);
  },
});

const BACK_OFFICE = [
  staffPage('admin-experts', () => '/admin/experts', 'section[aria-labelledby=reports-title]'),
  staffPage('admin-dashboard-experts', () => '/admin', '#experts-queue'),
  staffPage('admin-expert', () => `/admin/experts/${pendingId}`, 'form[action$="/review"]'),
  {
    name: 'admin-expert-errors',
    session: 'staff',
    open: async (page, lang) => {
      await adminVisit(page, `/admin/experts/${pendingId}`, lang);
      await page.check('#decision-return');
      await submitExpecting(page, 'form[action$="/review"] button[type=submit]',
        `${server.base}/admin/experts/${pendingId}/review`, '.error-summary',
        'sending a profile back without a note should come back with an error summary');
    },
  },
];

definePageChecks({
  title: 'expert network, public',
  languages: LANGUAGES,
  specs: PUBLIC,
  screenshots: ['experts', 'expert', 'expert-errors'],
  env: () => ({ contexts }),
});

definePageChecks({
  title: 'expert network, member',
  languages: LANGUAGES,
  specs: MEMBER,
  screenshots: ['account-expert'],
  env: () => ({ contexts }),
});

definePageChecks({
  title: 'expert network, back office',
  languages: LANGUAGES,
  specs: BACK_OFFICE,
  screenshots: ['admin-experts', 'admin-expert'],
  narrowAudit: true,
  env: () => ({ contexts }),
});
