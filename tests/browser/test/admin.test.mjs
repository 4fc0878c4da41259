// The back office in English, French and Spanish (the language chosen with its switch links,
// /admin/lang/<code>): sign-in and its error after a wrong password, the dashboard with its
// chart, members (list, one member, import), password, events (list, new, new with errors, one
// event made through the form and published). Each gets axe-core (WCAG 2.1 A/AA) and the
// reflow checks at 320 CSS px and 200 % zoom; a few get screenshots.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { ADMIN_ENV, ORGANIZER, adminVisit as visitIn, createPublishedEvent, signIn, submitSignIn } from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting } from '../lib/checks.mjs';
import { joinAndConfirm } from '../lib/members.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let browser;
let contexts;
let eventId;
let memberPath;

before(async () => {
  server = await startServer({ env: ADMIN_ENV, organizers: [ORGANIZER] });
  browser = await launch();
  const setup = await browser.newContext();
  const page = await setup.newPage();
  // Members in the organizer's chapter, for the list and a member page.
  await joinAndConfirm(page, server, { name: 'Amara Diallo', email: 'amara@one.example.org' });
  await joinAndConfirm(page, server, { name: 'Jean Tremblay', email: 'jean@two.example.org', newsletter: true });
  await signIn(page, server.base);
  eventId = await createPublishedEvent(page, server.base, { slug: 'organizers-evening' });
  await page.goto(`${server.base}/admin/members`);
  const hrefs = await page.$$eval('a[href^="/admin/members/"]', (as) => as.map((a) => a.getAttribute('href')));
  memberPath = hrefs.find((h) => /^\/admin\/members\/\d+$/.test(h));
  assert.ok(memberPath, `the members list should link to a member page (links: ${hrefs.join(', ')})`);
  // The organizer's session, shared by the contexts that look at the signed-in pages.
  const staff = await setup.storageState();
  await setup.close();
  contexts = browserContexts(browser, { staff });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `path` in `lang` through the language switch link, which returns to it. */
const adminVisit = (page, path, lang, status) => visitIn(page, server.base, path, lang, status);

const staffPage = (name, path, expect) => ({
  name,
  session: 'staff',
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
  staffPage('admin-event', () => `/admin/events/${eventId}`, 'table'),
];

definePageChecks({
  title: 'back office',
  languages: ['en', 'fr', 'es'],
  specs: SPECS,
  screenshots: ['admin-dashboard', 'admin-members', 'admin-event-new-errors', 'admin-event'],
  narrowAudit: true,
  env: () => ({ contexts }),
});
