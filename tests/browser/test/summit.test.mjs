// The Digital Summit (issue 20) in all four languages: the public programme (whole and
// narrowed by track and language, with a full session and a cancelled one), a confirmed
// registration's page with its session choices (a seat with its livestream link, a seat in a
// cancelled session, sessions still to choose) and a choice refused because it overlaps a
// seat; and the back office's programme, the session form (new, sent empty, editing) and a
// session's page with its attendance (a seat with its check-in button, a place in line). Each
// gets axe-core (WCAG 2.1 A/AA; the back office also at 320 CSS px) and the reflow checks at
// 320 CSS px and 200 % zoom; a few get screenshots.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { ADMIN_ENV, ORGANIZER, adminVisit, signIn } from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting, visit } from '../lib/checks.mjs';
import { LANGUAGES, langTag } from '../lib/languages.mjs';
import { inLanguage } from '../lib/pages.mjs';
import { startServer } from '../lib/server.mjs';

const SLUG = 'digital-summit';
const FIRST = { name: 'Amara Diallo', email: 'amara@first.example.org' };
const SECOND = { name: 'Benito García Hernández', email: 'benito@second.example.org' };

let server;
let browser;
let contexts;
let eventId;
const sessionIds = {};
const links = {};

/**
 * A hybrid two-day summit made through /admin/events/new and published with its button;
 * returns its back-office id.
 */
async function createSummit(page, base) {
  await page.goto(`${base}/admin/events/new`);
  await page.selectOption('#field-chapter', 'canada');
  await page.fill('#field-slug', SLUG);
  await page.fill('#field-title_en', 'Anti-Racism and Equity Digital Summit');
  await page.fill('#field-title_fr', 'Sommet numérique sur l’antiracisme et l’équité');
  await page.fill('#field-title_es', 'Cumbre Digital contra el Racismo y por la Equidad');
  await page.fill('#field-description_en', 'Two days, two tracks.');
  await page.fill('#field-description_fr', 'Deux jours, deux volets.');
  await page.selectOption('#field-format', 'hybrid');
  await page.fill('#field-venue', 'Centre des congrès');
  await page.fill('#field-address', '1001 Place Jean-Paul-Riopelle, Montréal');
  await page.fill('#field-online_link', 'https://meet.example.org/summit-hall');
  await page.fill('#field-time_zone', 'America/Toronto');
  await page.fill('#field-starts', '2030-06-01T09:00');
  await page.fill('#field-ends', '2030-06-02T18:00');
  await page.fill('#field-capacity', '500');
  await page.check('#field-waitlist');
  await Promise.all([
    page.waitForURL(/\/admin\/events\/\d+(\?.*)?$/),
    page.click('form[action="/admin/events/new"] button[type=submit]'),
  ]).catch(async (e) => {
    const errors = await page.locator('.error-summary').innerText().catch(() => '(no error summary)');
    throw new Error(`creating the summit failed at ${page.url()}: ${errors}\n${e.message}`);
  });
  const id = new URL(page.url()).pathname.split('/').pop();
  await submitExpecting(page, `form[action="/admin/events/${id}/publish"] button[type=submit]`,
    `${base}/admin/events/${id}/publish`, 'h1', 'publishing the summit should lead back to its page');
  return id;
}

/** Adds a session through the form; returns its id, read from the page it leads to. */
async function addSession(page, base, s) {
  const path = `/admin/events/${eventId}/sessions/new`;
  await page.goto(`${base}${path}`);
  await page.fill('#field-title_en', s.titles[0]);
  await page.fill('#field-title_fr', s.titles[1]);
  await page.fill('#field-title_es', s.titles[2]);
  await page.fill('#field-description_en', 'Talks and **questions**, with [the notes](https://example.org/summit/notes).');
  await page.fill('#field-description_fr', 'Des exposés et des **questions**.');
  await page.fill('#field-starts', s.starts);
  await page.fill('#field-ends', s.ends);
  await page.fill('#field-track', s.track);
  await page.selectOption('#field-format', s.format);
  if (s.room) await page.fill('#field-room', s.room);
  if (s.livestream) await page.fill('#field-livestream_url', s.livestream);
  for (const code of s.speaks) await page.check(`#field-speaks_${code}`);
  await page.check('#field-interpretation');
  await page.fill('#field-speakers', 'Ana Ruiz\nJean Tremblay');
  if (s.capacity) await page.fill('#field-capacity', s.capacity);
  await Promise.all([
    page.waitForURL(/\/admin\/events\/\d+\/sessions\/\d+(\?.*)?$/),
    page.click(`form[action="${path}"] button[type=submit]`),
  ]).catch(async (e) => {
    const errors = await page.locator('.error-summary').innerText().catch(() => '(no error summary)');
    throw new Error(`adding the session ${s.titles[0]} failed at ${page.url()}: ${errors}\n${e.message}`);
  });
  return new URL(page.url()).pathname.split('/').pop();
}

/** Registers for the summit in English and confirms with the emailed link; returns the link. */
async function registerAndConfirm(page, base, { name, email }) {
  await page.goto(`${base}/en/events/${SLUG}`);
  await page.fill('#field-full_name', name);
  await page.fill('#field-email', email);
  await Promise.all([
    page.waitForURL(`${base}/en/events/${SLUG}/registered`),
    page.click(`form[action="/en/events/${SLUG}/register"] button[type=submit]`),
  ]);
  const link = await server.waitForLinkTo(email.split('@')[1], '/registrations/[0-9a-f]{64}');
  await page.goto(link);
  await submitExpecting(page, 'form[action$="/confirm"] button[type=submit]', `${link}/confirm`,
    '#programme', 'a confirmed registration should show the sessions to choose');
  return link;
}

/** Chooses a session on the registration page at `link`. */
async function choose(page, link, sessionId) {
  await page.goto(link);
  const action = `${new URL(link).pathname}/sessions/${sessionId}/choose`;
  await submitExpecting(page, `form[action="${action}"] button[type=submit]`, `${server.base}${action}`,
    `#session-${sessionId} form[action$="/unchoose"]`, `choosing session ${sessionId} should offer to give it up`);
}

before(async () => {
  server = await startServer({
    env: { ...ADMIN_ENV, RESEAU_LIMITS__MAILS_PER_ADDRESS_PER_HOUR: '100' },
    organizers: [ORGANIZER],
  });
  browser = await launch();
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  try {
    // The organizer builds a two-day, two-track programme.
    await signIn(staff, server.base);
    eventId = await createSummit(staff, server.base);
    sessionIds.opening = await addSession(staff, server.base, {
      titles: ['Opening plenary', 'Plénière d’ouverture', 'Plenaria de apertura'],
      track: 'Policy', format: 'online', starts: '2030-06-01T10:00', ends: '2030-06-01T11:00',
      capacity: '1', speaks: ['en', 'fr'], livestream: 'https://stream.example.org/summit-opening',
    });
    sessionIds.business = await addSession(staff, server.base, {
      titles: ['Business roundtable', 'Table ronde des entreprises', 'Mesa redonda empresarial'],
      track: 'Business', format: 'in-person', starts: '2030-06-01T10:30', ends: '2030-06-01T12:00',
      room: 'Salle 2', speaks: ['es'],
    });
    sessionIds.workshop = await addSession(staff, server.base, {
      titles: ['Data workshop', 'Atelier sur les données', 'Taller de datos'],
      track: 'Policy', format: 'hybrid', starts: '2030-06-01T14:00', ends: '2030-06-01T15:00',
      room: 'Salle 5', speaks: ['en'], livestream: 'https://stream.example.org/summit-workshop',
    });
    sessionIds.closing = await addSession(staff, server.base, {
      titles: ['Closing', 'Clôture', 'Clausura'],
      track: 'Business', format: 'online', starts: '2030-06-02T16:00', ends: '2030-06-02T17:00',
      speaks: ['en', 'fr', 'es', 'pt'], livestream: 'https://stream.example.org/summit-closing',
    });

    // The first registrant takes the opening's one seat (it is full) and the workshop; the
    // second waits in the opening's line.
    links.first = await registerAndConfirm(visitor, server.base, FIRST);
    await choose(visitor, links.first, sessionIds.opening);
    await choose(visitor, links.first, sessionIds.workshop);
    links.second = await registerAndConfirm(visitor, server.base, SECOND);
    await choose(visitor, links.second, sessionIds.opening);

    // The organizer cancels the workshop: the programme says so, and so does the first
    // registrant's page.
    const workshop = `/admin/events/${eventId}/sessions/${sessionIds.workshop}`;
    await staff.goto(`${server.base}${workshop}`);
    await submitExpecting(staff, `form[action="${workshop}/cancel"] button[type=submit]`,
      `${server.base}${workshop}/cancel`, 'h1', 'cancelling the workshop should lead back to its page');
    assert.equal(await staff.locator(`form[action="${workshop}/cancel"]`).count(), 0, 'the workshop should be cancelled');

    const sessions = { staff: await staffContext.storageState() };
    contexts = browserContexts(browser, sessions);
  } finally {
    await visitorContext.close();
    await staffContext.close();
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PUBLIC = [
  {
    name: 'programme',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/events/${SLUG}/programme`, 200, lang);
      assert.equal(await page.locator('article.session').count(), 4, 'the programme should list the four sessions');
      assert.equal(await page.locator('article.session.cancelled').count(), 1, 'the workshop should be said cancelled');
    },
  },
  {
    name: 'programme-filtered',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/events/${SLUG}/programme?track=Policy&language=fr`, 200, lang);
      assert.equal(await page.locator('article.session').count(), 1, 'Policy in French should be the opening alone');
    },
  },
  {
    name: 'registration-sessions',
    open: async (page, lang) => {
      await visit(page, inLanguage(links.first, lang), 200, lang);
      assert.equal(await page.locator('#programme a.livestream').count(), 1, 'the seat in the opening should show its livestream link');
      assert.ok(await page.locator('#programme form[action$="/choose"]').count(), 'sessions still to choose should offer their button');
      assert.equal(await page.locator(`#session-${sessionIds.workshop}`).count(), 1, 'the cancelled workshop chosen should be listed');
    },
  },
  {
    // The roundtable overlaps the opening, where the first registrant has a seat: refused,
    // with nothing changed, so the state comes back each time it is opened.
    name: 'registration-sessions-refused',
    open: async (page, lang) => {
      const link = inLanguage(links.first, lang);
      await visit(page, link, 200, lang);
      const action = `${new URL(link).pathname}/sessions/${sessionIds.business}/choose`;
      const response = await submitExpecting(page, `form[action="${action}"] button[type=submit]`, `${server.base}${action}`,
        '#choice-problem', 'choosing a session that overlaps a seat should be refused above the list');
      assert.equal(response.status(), 422, `the refused choice answered ${response.status()}`);
      // As with every error summary, the refusal takes the focus, so it is what is read first.
      await page.waitForFunction(() => document.activeElement?.id === 'choice-problem', null, { timeout: 2000 })
        .catch(() => assert.fail(`the refusal should have the focus on ${page.url()}`));
      assert.equal(await page.getAttribute('html', 'lang'), langTag(lang));
    },
  },
];

const staffPage = (name, path, expect) => ({
  name,
  session: 'staff',
  open: async (page, lang) => {
    await adminVisit(page, server.base, path(), lang);
    if (expect) assert.ok(await page.locator(expect).count(), `${page.url()} should show ${expect}`);
  },
});

const BACK_OFFICE = [
  staffPage('admin-programme', () => `/admin/events/${eventId}/programme`, 'ul.sessions li'),
  staffPage('admin-session-new', () => `/admin/events/${eventId}/sessions/new`, '#field-title_en'),
  {
    name: 'admin-session-new-errors',
    session: 'staff',
    open: async (page, lang) => {
      const path = `/admin/events/${eventId}/sessions/new`;
      await adminVisit(page, server.base, path, lang);
      await submitExpecting(page, `form[action="${path}"] button[type=submit]`, `${server.base}${path}`, '.error-summary',
        'the session form sent empty should come back with an error summary');
    },
  },
  staffPage('admin-session-edit', () => `/admin/events/${eventId}/sessions/${sessionIds.business}/edit`, '#field-title_en'),
  staffPage('admin-session', () => `/admin/events/${eventId}/sessions/${sessionIds.opening}`, 'form[action$="/check-in"]'),
];

definePageChecks({
  title: 'Digital Summit public pages',
  languages: LANGUAGES,
  specs: PUBLIC,
  screenshots: ['programme', 'registration-sessions', 'registration-sessions-refused'],
  env: () => ({ contexts }),
});

definePageChecks({
  title: 'Digital Summit back office',
  languages: LANGUAGES,
  specs: BACK_OFFICE,
  screenshots: ['admin-programme', 'admin-session-new-errors', 'admin-session'],
  narrowAudit: true,
  env: () => ({ contexts }),
});
