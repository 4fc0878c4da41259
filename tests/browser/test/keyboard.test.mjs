// Joining in French with the keyboard alone: Tab and Shift+Tab to move, typing, Space for the
// boxes, Enter to send. Every Tab stop must show where the focus is; a rejected form must put
// the focus on its error summary; the confirmation link's button must work from the keyboard.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { VIEWPORTS, focusState, launch } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';

let server;
let browser;
let context;

before(async () => {
  server = await startServer();
  browser = await launch();
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
