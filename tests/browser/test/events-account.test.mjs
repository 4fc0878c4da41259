// The public pages added with events and accounts, in English, French, Spanish and Portuguese: the events
// list, an event (published through the back office) with its register form and that form's
// errors, the registered and registration pages (pending, then confirmed), signing in, the
// account and its deletion page, and the newsletter's unsubscribe page. Each gets axe-core
// (WCAG 2.1 A/AA) and the reflow checks at 320 CSS px and 200 % zoom; a few get screenshots.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { ADMIN_ENV, ORGANIZER, createPublishedEvent, signIn } from '../lib/admin.mjs';
import { launch } from '../lib/browser.mjs';
import { browserContexts, definePageChecks, submitExpecting, visit } from '../lib/checks.mjs';
import { joinAndConfirm, signInMember } from '../lib/members.mjs';
import { langTag } from '../lib/languages.mjs';
import { LANGUAGES, inLanguage } from '../lib/pages.mjs';
import { startServer } from '../lib/server.mjs';

const SLUG = 'health-forum';
const MEMBER = { name: 'Amara Diallo', email: 'amara@member.example.org', newsletter: true };

let server;
let browser;
let contexts;
const links = {};

before(async () => {
  server = await startServer({
    env: { ...ADMIN_ENV, RESEAU_LIMITS__MAILS_PER_ADDRESS_PER_HOUR: '100' },
    organizers: [ORGANIZER],
  });
  browser = await launch();
  const setup = await browser.newContext();
  const page = await setup.newPage();
  try {
    // The event, made and published by the organizer.
    await signIn(page, server.base);
    await createPublishedEvent(page, server.base, { slug: SLUG });

    // Two registrations: one left pending, one confirmed with its button.
    for (const who of ['pending', 'confirmed']) {
      await page.goto(`${server.base}/en/events/${SLUG}`);
      await page.fill('#field-full_name', 'Jean Tremblay');
      await page.fill('#field-email', `jean@${who}.example.org`);
      await Promise.all([
        page.waitForURL(`${server.base}/en/events/${SLUG}/registered`),
        page.click(`form[action="/en/events/${SLUG}/register"] button[type=submit]`),
      ]);
    }
    for (const who of ['pending', 'confirmed']) {
      links[who] = await server.waitForLinkTo(`${who}.example.org`, '/registrations/[0-9a-f]{64}');
    }
    await page.goto(links.confirmed);
    await submitExpecting(page, 'form[action$="/confirm"] button[type=submit]', `${links.confirmed}/confirm`,
      'form[action$="/cancel"] button[type=submit]', 'a confirmed registration should offer its cancel button');

    // A member who asked for the newsletter: the welcome email carries the unsubscribe link.
    await joinAndConfirm(page, server, MEMBER);
    links.unsubscribe = await server.waitForLinkTo('member.example.org', '/unsubscribe/[A-Za-z0-9_-]+');
  } finally {
    await setup.close();
  }
  // The member's session, shared by the contexts that look at the account pages.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInMember(memberPage, server, MEMBER.email);
  const member = await memberContext.storageState();
  await memberContext.close();
  contexts = browserContexts(browser, { member });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const SPECS = [
  { name: 'events', open: (page, lang) => visit(page, `${server.base}/${lang}/events`, 200, lang) },
  { name: 'event', open: (page, lang) => visit(page, `${server.base}/${lang}/events/${SLUG}`, 200, lang) },
  {
    name: 'event-errors',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/events/${SLUG}`, 200, lang);
      await page.fill('#field-full_name', '');
      await page.fill('#field-email', 'not-an-email');
      await submitExpecting(page, `form[action="/${lang}/events/${SLUG}/register"] button[type=submit]`,
        `${server.base}/${lang}/events/${SLUG}/register`, '.error-summary',
        'the register form sent with an empty name and a bad address should come back with an error summary');
      assert.equal(await page.getAttribute('html', 'lang'), langTag(lang));
    },
  },
  { name: 'registered', open: (page, lang) => visit(page, `${server.base}/${lang}/events/${SLUG}/registered`, 200, lang) },
  {
    name: 'registration',
    open: async (page, lang) => {
      await visit(page, inLanguage(links.pending, lang), 200, lang);
      assert.equal(await page.locator('form[action$="/confirm"] button[type=submit]').count(), 1,
        'a pending registration should offer its confirm button');
    },
  },
  {
    name: 'registration-confirmed',
    open: async (page, lang) => {
      await visit(page, inLanguage(links.confirmed, lang), 200, lang);
      assert.equal(await page.locator('form[action$="/cancel"] button[type=submit]').count(), 1,
        'a confirmed registration should offer its cancel button');
    },
  },
  { name: 'sign-in', open: (page, lang) => visit(page, `${server.base}/${lang}/sign-in`, 200, lang) },
  { name: 'sign-in-sent', open: (page, lang) => visit(page, `${server.base}/${lang}/sign-in/sent`, 200, lang) },
  {
    name: 'account',
    session: 'member',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/account`, 200, lang);
      assert.equal(new URL(page.url()).pathname, `/${lang}/account`, 'the member should be signed in');
    },
  },
  {
    name: 'account-delete',
    session: 'member',
    open: async (page, lang) => {
      await visit(page, `${server.base}/${lang}/account/delete`, 200, lang);
      assert.equal(new URL(page.url()).pathname, `/${lang}/account/delete`, 'the member should be signed in');
    },
  },
  { name: 'unsubscribe', open: (page, lang) => visit(page, inLanguage(links.unsubscribe, lang), 200, lang) },
];

definePageChecks({
  title: 'event and account pages',
  languages: LANGUAGES,
  specs: SPECS,
  screenshots: ['event', 'event-errors', 'registration-confirmed', 'account'],
  env: () => ({ contexts }),
});
