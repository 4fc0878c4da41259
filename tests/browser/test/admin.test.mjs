// The back office in English, French, Spanish and Portuguese (the language chosen with its switch links,
// /admin/lang/<code>): sign-in and its error after a wrong password, the dashboard with its
// chart, members (list, one member, import), password, the step-up page, two-step set-up,
// events (list, new, new with errors, one event made through the form and published, with a
// pending and a confirmed registration); and, as an admin who set up two-step, the audit log,
// organizers, chapters (list, one chapter's form, the new chapter form). Each gets axe-core
// (WCAG 2.1 A/AA, also at 320 CSS px) and the reflow checks at 320 CSS px and 200 % zoom; a
// few get screenshots.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import {
  ADMIN,
  ADMIN_ENV,
  ORGANIZER,
  adminVisit as visitIn,
  createPublishedEvent,
  signIn,
  signInAndEnrol,
  stepUp,
  submitSignIn,
} from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting } from '../lib/checks.mjs';
import { LANGUAGES } from '../lib/languages.mjs';
import { joinAndConfirm } from '../lib/members.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let browser;
let contexts;
let eventId;
let memberPath;
let chapterPath;
const EVENT_SLUG = 'organizers-evening';

before(async () => {
  server = await startServer({ env: ADMIN_ENV, organizers: [ORGANIZER, ADMIN] });
  browser = await launch();
  const setup = await browser.newContext();
  const page = await setup.newPage();
  // Members in the organizer's chapter, for the list and a member page.
  await joinAndConfirm(page, server, { name: 'Amara Diallo', email: 'amara@one.example.org' });
  await joinAndConfirm(page, server, { name: 'Jean Tremblay', email: 'jean@two.example.org', newsletter: true });
  await signIn(page, server.base);
  eventId = await createPublishedEvent(page, server.base, { slug: EVENT_SLUG });
  // Two registrations for the event's page: one left pending, one confirmed with its button.
  for (const who of ['pending', 'confirmed']) {
    await page.goto(`${server.base}/en/events/${EVENT_SLUG}`);
    await page.fill('#field-full_name', `Amara ${who}`);
    await page.fill('#field-email', `amara@${who}.example.org`);
    await Promise.all([
      page.waitForURL(`${server.base}/en/events/${EVENT_SLUG}/registered`),
      page.click(`form[action="/en/events/${EVENT_SLUG}/register"] button[type=submit]`),
    ]);
  }
  const confirmLink = await server.waitForLinkTo('confirmed.example.org', '/registrations/[0-9a-f]{64}');
  await page.goto(confirmLink);
  await submitExpecting(page, 'form[action$="/confirm"] button[type=submit]', `${confirmLink}/confirm`,
    'form[action$="/cancel"] button[type=submit]', 'a confirmed registration should offer its cancel button');
  await page.goto(`${server.base}/admin/members`);
  const hrefs = await page.$$eval('a[href^="/admin/members/"]', (as) => as.map((a) => a.getAttribute('href')));
  memberPath = hrefs.find((h) => /^\/admin\/members\/\d+$/.test(h));
  assert.ok(memberPath, `the members list should link to a member page (links: ${hrefs.join(', ')})`);
  // Stepped up (for an hour, ADMIN_ENV), so the two-step page shows its key and code field.
  await page.goto(`${server.base}/admin/two-factor`);
  await stepUp(page, server.base);
  assert.equal(new URL(page.url()).pathname, '/admin/two-factor', `the step up should lead back to /admin/two-factor, not ${page.url()}`);
  // The organizer's session, shared by the contexts that look at the signed-in pages.
  const staff = await setup.storageState();
  await setup.close();

  // The admin sets up two-step (the back office asks it of every admin) to reach the rest.
  const adminSetup = await browser.newContext();
  const adminPage = await adminSetup.newPage();
  await signInAndEnrol(adminPage, server.base);
  await adminPage.goto(`${server.base}/admin/chapters`);
  const chapterHrefs = await adminPage.$$eval('a[href^="/admin/chapters/"]', (as) => as.map((a) => a.getAttribute('href')));
  chapterPath = chapterHrefs.find((h) => /^\/admin\/chapters\/\d+$/.test(h));
  assert.ok(chapterPath, `the chapters list should link to a chapter's form (links: ${chapterHrefs.join(', ')})`);
  const admin = await adminSetup.storageState();
  await adminSetup.close();
  contexts = browserContexts(browser, { staff, admin });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `path` in `lang` through the language switch link, which returns to it. */
const adminVisit = (page, path, lang, status) => visitIn(page, server.base, path, lang, status);

const staffPage = (name, path, expect, session = 'staff') => ({
  name,
  session,
  open: async (page, lang) => {
    await adminVisit(page, typeof path === 'function' ? path() : path, lang);
    if (expect) assert.ok(await page.locator(expect).count(), `${page.url()} should show ${expect}`);
  },
});

const SPECS = [
  { name: 'admin-sign-in', open: (page, lang) => adminVisit(page, '/admin/sign-in', lang) },
  {
    name: 'admin-sign-in-error',
    open: async (page, lang) => {
      await adminVisit(page, '/admin/sign-in', lang);
      const response = await submitSignIn(page, server.base, { email: ORGANIZER.email, password: 'not the passphrase' });
      assert.equal(response.status(), 401, 'a wrong password should be refused');
      assert.ok(await page.locator('.error-summary').count(), 'a wrong password should come back with an error summary');
    },
  },
  staffPage('admin-dashboard', '/admin', 'main svg'),
  staffPage('admin-members', '/admin/members', 'table'),
  staffPage('admin-member', () => memberPath),
  staffPage('admin-import', '/admin/members/import', 'input[type=file]'),
  staffPage('admin-password', '/admin/password', '#field-current_password'),
  staffPage('admin-events', '/admin/events'),
  staffPage('admin-event-new', '/admin/events/new', '#field-slug'),
  {
    name: 'admin-event-new-errors',
    session: 'staff',
    open: async (page, lang) => {
      await adminVisit(page, '/admin/events/new', lang);
      await submitExpecting(page, 'form[action="/admin/events/new"] button[type=submit]', `${server.base}/admin/events/new`,
        '.error-summary', 'the event form sent empty should come back with an error summary');
    },
  },
  {
    ...staffPage('admin-event', () => `/admin/events/${eventId}`, 'table'),
    open: async (page, lang) => {
      await adminVisit(page, `/admin/events/${eventId}`, lang);
      const rows = await page.locator('table tbody tr').count();
      assert.ok(rows >= 2, `${page.url()} should list the event's two registrations (found ${rows} rows)`);
    },
  },
  staffPage('admin-step-up', '/admin/step-up?back=%2Fadmin%2Fmembers', '#field-step_up_password'),
  staffPage('admin-two-factor', '/admin/two-factor', 'code.secret'),
  staffPage('admin-audit', '/admin/audit', 'table tbody tr', 'admin'),
  staffPage('admin-organizers', '/admin/organizers', 'table tbody tr', 'admin'),
  staffPage('admin-chapters', '/admin/chapters', 'table tbody tr', 'admin'),
  staffPage('admin-chapter', () => chapterPath, '#field-slug', 'admin'),
  staffPage('admin-chapter-new', '/admin/chapters/new', '#field-slug', 'admin'),
  staffPage('admin-api-keys', '/admin/api-keys', '#field-name'),
  staffPage('admin-webhooks', '/admin/webhooks', '#field-url', 'admin'),
];

definePageChecks({
  title: 'back office',
  languages: LANGUAGES,
  specs: SPECS,
  screenshots: ['admin-dashboard', 'admin-members', 'admin-event-new-errors', 'admin-event', 'admin-audit', 'admin-organizers'],
  narrowAudit: true,
  env: () => ({ contexts }),
});
