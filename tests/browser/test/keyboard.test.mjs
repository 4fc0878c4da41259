// Journeys with the keyboard alone: Tab and Shift+Tab to move, typing, Space for the boxes,
// Enter to send. Joining in French; and in Spanish, registering for an event, confirming the
// registration from the emailed link and unsubscribing from the newsletter with the welcome
// email's link. Every Tab stop must show where the focus is; a rejected form must put the
// focus on its error summary; the emailed links' buttons must work from the keyboard.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN_ENV, ORGANIZER, createPublishedEvent, signIn } from '../lib/admin.mjs';
import { VIEWPORTS, focusState, launch } from '../lib/browser.mjs';
import { joinAndConfirm } from '../lib/members.mjs';
import { inLanguage } from '../lib/pages.mjs';
import { startServer } from '../lib/server.mjs';

const SLUG = 'keyboard-forum';
const MEMBER = { name: 'Lucía Hernández', email: 'lucia@kb-es.example.org', newsletter: true };

let server;
let browser;
let context;
let unsubscribeLink;

before(async () => {
  server = await startServer({ env: ADMIN_ENV, organizers: [ORGANIZER] });
  browser = await launch();
  // Setting the scene with the mouse, in a context of its own: the organizer publishes an
  // event, and a member joins with the newsletter box ticked, so the welcome email carries an
  // unsubscribe link.
  const setup = await browser.newContext();
  try {
    const page = await setup.newPage();
    await signIn(page, server.base);
    await createPublishedEvent(page, server.base, { slug: SLUG });
    await joinAndConfirm(page, server, MEMBER);
    unsubscribeLink = await server.waitForLinkTo('kb-es.example.org', '/unsubscribe/[A-Za-z0-9_-]+', {
      what: 'unsubscribe link in the welcome email',
    });
  } finally {
    await setup.close();
  }
  // The pages exactly as served: CSP on, no scripts of ours.
  context = await browser.newContext(VIEWPORTS.desktop);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Presses `key` and checks that the new focus is visible; returns the focus state. */
async function press(page, key, stops) {
  await page.keyboard.press(key);
  const state = await focusState(page);
  stops.push(`${key} → ${state.describe}`);
  assert.notEqual(state.tag, 'body', `${key} left the focus nowhere (after: ${stops.slice(-6).join('; ')})`);
  assert.ok(
    state.visible,
    `no visible focus indicator on ${state.describe} at ${page.url()} (outline: ${state.outline}; box-shadow: ${state.boxShadow})`,
  );
  assert.ok(state.inViewport, `${state.describe} has the focus but is not on screen at ${page.url()}`);
  return state;
}

/** Tabs (or Shift+Tabs) until the focused element matches `selector`, checking every stop. */
async function tabTo(page, selector, stops, { key = 'Tab', max = 40 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await press(page, key, stops);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`${selector} was not reached within ${max} presses of ${key} on ${page.url()}:\n  ${stops.slice(-max).join('\n  ')}`);
}

async function assertFocused(page, selector, why) {
  const state = await focusState(page);
  const ok = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
  assert.ok(ok, `${why}: expected the focus on ${selector}, found it on ${state.describe} at ${page.url()}`);
}

test('fr: join and confirm with the keyboard alone', async (t) => {
  const page = await context.newPage();
  const stops = [];
  const base = server.base;

  // The join form. The first Tab stop is the skip link, and it shows itself.
  await page.goto(`${base}/fr/join`);
  const first = await press(page, 'Tab', stops);
  assert.match(first.describe, /^a\.skip-link/, `the first Tab stop should be the skip link, not ${first.describe}`);

  // Leave the name empty, give a bad address, send with Enter from the address field.
  await tabTo(page, '#field-full_name', stops);
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-email', 'Tab from the name');
  await page.keyboard.type('pas-une-adresse');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/fr/join`),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');

  // The rejected form: the error summary has the focus, and each field carries its error.
  await page
    .waitForFunction(() => document.activeElement?.matches('.error-summary'), null, { timeout: 3000 })
    .catch(() => {});
  await assertFocused(page, '.error-summary', 'after a rejected form');
  assert.equal(await page.locator('.error-summary li a').count(), 2, 'the summary should list the name and the address');
  assert.equal(await page.getAttribute('#field-full_name', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#field-email', 'aria-invalid'), 'true');
  for (const field of ['full_name', 'email']) {
    const describedBy = (await page.getAttribute(`#field-${field}`, 'aria-describedby')) ?? '';
    assert.ok(describedBy.split(' ').includes(`${field}-error`), `#field-${field} should be described by its error`);
  }

  // The summary's entries are its next Tab stops, and the one for the name leads to the field.
  const order = await page.$$eval('.error-summary li a', (as) => as.map((a) => a.getAttribute('href')));
  if (order.join(' ') !== '#field-full_name #field-email') {
    t.diagnostic(`the error summary lists ${order.join(', ')}; the form asks for the name first`);
  }
  await tabTo(page, '.error-summary a[href="#field-full_name"]', stops, { max: order.length });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'field-full_name', null, { timeout: 3000 }).catch(() => {});
  await assertFocused(page, '#field-full_name', 'Enter on the summary link');

  await page.keyboard.type('Amara Diallo');
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-email', 'Tab from the name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('amara@kb-fr.example.org');

  // Chapter and region: type to choose in the closed lists.
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-chapter', 'Tab from the address');
  await page.keyboard.type('Mexique');
  assert.equal(await page.inputValue('#field-chapter'), 'mexico', 'typing "Mexique" should choose that chapter');
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-region', 'Tab from the chapter');
  await page.keyboard.type('Oaxaca');
  assert.equal(await page.inputValue('#field-region'), 'MX-OAX', 'typing "Oaxaca" should choose that state');

  // Interests: Space ticks the first and the third; Shift+Tab goes back to check the first.
  await press(page, 'Tab', stops);
  await assertFocused(page, '#interest-health-equity', 'Tab from the region');
  await page.keyboard.press('Space');
  await press(page, 'Tab', stops);
  await press(page, 'Tab', stops);
  await assertFocused(page, '#interest-education', 'two Tabs along the interests');
  await page.keyboard.press('Space');
  await press(page, 'Shift+Tab', stops);
  await press(page, 'Shift+Tab', stops);
  await assertFocused(page, '#interest-health-equity', 'two Shift+Tabs back');
  assert.equal(await page.isChecked('#interest-health-equity'), true, 'Space should tick a box');
  assert.equal(await page.isChecked('#interest-economic-inclusion'), false, 'a box passed over stays clear');
  assert.equal(await page.isChecked('#interest-education'), true, 'Space should tick a box');

  // Email language stays French; tick the newsletter box; send with Enter on the button.
  await tabTo(page, '#field-language', stops);
  assert.equal(await page.inputValue('#field-language'), 'fr');
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-newsletter', 'Tab from the language');
  assert.equal(await page.isChecked('#field-newsletter'), false, 'the opt-in box must not be pre-ticked');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#field-newsletter'), true);
  await press(page, 'Tab', stops);
  await assertFocused(page, 'form[action="/fr/join"] button[type=submit]', 'Tab from the newsletter box');
  await Promise.all([page.waitForURL(`${base}/fr/join/check-email`), page.keyboard.press('Enter')]);

  // The link the server printed, opened in the browser; its one button, pressed with Enter.
  const link = await server.waitForLink('kb-fr.example.org');
  assert.match(link, new RegExp(`^${base}/fr/confirm/[0-9a-f]{64}$`), 'the link should lead to the French page');
  await page.goto(link);
  await tabTo(page, 'form.button-form button[type=submit]', stops);
  await Promise.all([page.waitForURL(`${base}/fr/join/confirmed`), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/fr/join/confirmed');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.close();
  t.diagnostic(`${stops.length} key presses, each leaving a visible focus: ${stops.join('; ')}`);
});

/** Presses Enter on the focused button and waits for the answer to the POST to `postUrl`. */
async function enterPosting(page, postUrl) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === postUrl),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
  return response;
}

test('es: register for an event, confirm it and unsubscribe with the keyboard alone', async (t) => {
  const page = await context.newPage();
  const stops = [];
  const base = server.base;
  const registerUrl = `${base}/es/events/${SLUG}/register`;

  // The event page. The skip link is the first Tab stop; Enter on it moves the focus to the
  // main content, and the next Tab stops are inside it.
  await page.goto(`${base}/es/events/${SLUG}`);
  const first = await press(page, 'Tab', stops);
  assert.match(first.describe, /^a\.skip-link/, `the first Tab stop should be the skip link, not ${first.describe}`);
  await page.keyboard.press('Enter');
  await assertFocused(page, 'main', 'Enter on the skip link');
  const inMain = await press(page, 'Tab', stops);
  assert.ok(await page.evaluate(() => document.activeElement.closest('main') !== null),
    `after the skip link, Tab should stay in the main content, not go to ${inMain.describe}`);
  if (inMain.id !== 'field-full_name') await tabTo(page, '#field-full_name', stops);

  // Leave the name empty, give the address, send with Enter from the address field.
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-email', 'Tab from the name');
  await page.keyboard.type(MEMBER.email);
  const rejected = await enterPosting(page, registerUrl);
  assert.equal(rejected.status(), 422, 'a registration without a name should be refused');

  // The rejected form: the error summary has the focus, and the name carries its error.
  await page
    .waitForFunction(() => document.activeElement?.matches('.error-summary'), null, { timeout: 3000 })
    .catch(() => {});
  await assertFocused(page, '.error-summary', 'after a rejected registration');
  assert.equal(await page.locator('.error-summary li a').count(), 1, 'the summary should list the name alone');
  assert.equal(await page.getAttribute('#field-full_name', 'aria-invalid'), 'true');
  const describedBy = (await page.getAttribute('#field-full_name', 'aria-describedby')) ?? '';
  assert.ok(describedBy.split(' ').includes('full_name-error'), '#field-full_name should be described by its error');
  assert.equal(await page.inputValue('#field-email'), MEMBER.email, 'the address typed should be kept');

  // The summary's link leads to the name; type it, then on through the form.
  await tabTo(page, '.error-summary a[href="#field-full_name"]', stops, { max: 1 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'field-full_name', null, { timeout: 3000 }).catch(() => {});
  await assertFocused(page, '#field-full_name', 'Enter on the summary link');
  await page.keyboard.type(MEMBER.name);
  await press(page, 'Tab', stops);
  await assertFocused(page, '#field-email', 'Tab from the name');

  // Accommodations: captions and French interpretation, ticked with Space; Shift+Tab back to
  // check the first.
  await tabTo(page, '#field-captions', stops);
  await page.keyboard.press('Space');
  await tabTo(page, '#interpretation-fr', stops);
  await page.keyboard.press('Space');
  await tabTo(page, '#field-captions', stops, { key: 'Shift+Tab' });
  assert.equal(await page.isChecked('#field-captions'), true, 'Space should tick the captions box');
  assert.equal(await page.isChecked('#interpretation-en'), false, 'a box passed over stays clear');
  assert.equal(await page.isChecked('#interpretation-fr'), true, 'Space should tick the interpretation box');
  await tabTo(page, `form[action="/es/events/${SLUG}/register"] button[type=submit]`, stops);
  await Promise.all([page.waitForURL(`${base}/es/events/${SLUG}/registered`), page.keyboard.press('Enter')]);

  // The registration link from the email, in Spanish; its button, pressed with Enter.
  const link = await server.waitForLinkTo('kb-es.example.org', '/registrations/[0-9a-f]{64}', {
    what: 'registration link',
  });
  assert.match(link, new RegExp(`^${base}/es/registrations/[0-9a-f]{64}$`), 'the link should lead to the Spanish page');
  await page.goto(link);
  await tabTo(page, 'form[action$="/confirm"] button[type=submit]', stops);
  await enterPosting(page, `${link}/confirm`);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.equal(await page.locator('form[action$="/cancel"] button[type=submit]').count(), 1,
    'a confirmed registration should offer its cancel button');

  // The welcome email's unsubscribe link, in Spanish; its button, pressed with Enter.
  const unsubscribe = inLanguage(unsubscribeLink, 'es');
  await page.goto(unsubscribe);
  const asked = await page.textContent('h1');
  await tabTo(page, `form[action="${new URL(unsubscribe).pathname}"] button[type=submit]`, stops);
  const done = await enterPosting(page, unsubscribe);
  assert.equal(done.status(), 200, 'the unsubscribe button should work');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  assert.notEqual(await page.textContent('h1'), asked, 'the page should say the address is unsubscribed');
  assert.equal(await page.locator('main p.lede').count(), 1,
    'the first press should unsubscribe (not report an address already unsubscribed)');

  // The footer leads to the accessibility statement.
  await tabTo(page, 'footer a[href="/es/accessibility"]', stops);
  await Promise.all([page.waitForURL(`${base}/es/accessibility`), page.keyboard.press('Enter')]);
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  await page.close();
  t.diagnostic(`${stops.length} key presses, each leaving a visible focus: ${stops.join('; ')}`);
});
