// The back office: the organizer and the admin the suites create, signing in, stepping up,
// setting up two-step with a code computed here, and events made through the form and
// published with its button.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { langTag } from './languages.mjs';

export const ORGANIZER = {
  email: 'org@example.org',
  name: 'Chapter Organizer',
  role: 'organizer',
  chapter: 'canada',
  password: 'a trilateral summit passphrase',
};

/** An admin: the back office makes an admin set up two-step before anything else. */
export const ADMIN = {
  email: 'admin@example.org',
  name: 'Network Admin',
  role: 'admin',
  chapter: 'canada',
  password: 'a continental network passphrase',
};

/** Settings for a server with a back office: cheap hashing, and room for failed sign-ins. */
export const ADMIN_ENV = {
  RESEAU_ADMIN__ARGON2_MEMORY_KIB: '64',
  RESEAU_ADMIN__ARGON2_ITERATIONS: '1',
  // The error state of the sign-in form is opened once per language and viewport.
  RESEAU_ADMIN__MAX_FAILURES: '1000',
  RESEAU_ADMIN__SIGN_IN_BURST: '1000',
  RESEAU_ADMIN__SIGN_IN_PER_MINUTE: '1000',
  // A session stepped up once in a suite's set-up stays so while its pages are checked.
  RESEAU_ADMIN__STEP_UP_MINUTES: '60',
};

/** Fills in the sign-in form and sends it; resolves with the response to the POST. */
export async function submitSignIn(page, base, { email, password }) {
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/admin/sign-in`),
    page.click('form[action="/admin/sign-in"] button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * Opens `path` in `lang` through the back office's language switch link
 * (`/admin/lang/<code>?back=<path>`), which returns to it; checks the status and the language.
 */
export async function adminVisit(page, base, path, lang, status = 200) {
  const response = await page.goto(`${base}/admin/lang/${lang}?back=${encodeURIComponent(path)}`);
  assert.equal(new URL(page.url()).pathname, path.split('?')[0], `/admin/lang/${lang} should lead back to ${path}`);
  assert.equal(response.status(), status, `GET ${path} answered ${response.status()}, expected ${status}`);
  assert.equal(await page.getAttribute('html', 'lang'), langTag(lang), `${page.url()} should be in ${lang}`);
}

/** Signs the organizer in, in `page`'s context. */
export async function signIn(page, base, who = ORGANIZER) {
  await page.goto(`${base}/admin/sign-in`);
  await submitSignIn(page, base, who);
  assert.equal(new URL(page.url()).pathname, '/admin', `signing in as ${who.email} should lead to /admin, not ${page.url()}`);
}

/**
 * The six-digit TOTP code (RFC 6238: SHA-1, 30 s steps) for a base32 secret, as shown on the
 * two-step page in groups of four.
 */
export function totpCode(secret, unixSeconds = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    assert.ok(v >= 0, `not a base32 secret: ${secret}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Answers the step-up page shown in `page` with the password; waits for where it leads. */
export async function stepUp(page, base, who = ORGANIZER) {
  assert.equal(new URL(page.url()).pathname.startsWith('/admin'), true);
  await page.fill('#field-step_up_password', who.password);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().startsWith(`${base}/admin/`)),
    page.click('form:has(#field-step_up_password) button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
}

/**
 * Signs in an admin who has no second factor yet: the back office leads to the two-step page,
 * which asks for the password first; the code is computed from the key it shows. Ends on the
 * dashboard, fully signed in.
 */
export async function signInAndEnrol(page, base, who = ADMIN) {
  await page.goto(`${base}/admin/sign-in`);
  await submitSignIn(page, base, who);
  if (new URL(page.url()).pathname !== '/admin/two-factor') await page.goto(`${base}/admin/two-factor`);
  if (await page.locator('#field-step_up_password').count()) await stepUp(page, base, who);
  const secret = await page.locator('code.secret').innerText();
  await page.fill('#field-code', totpCode(secret));
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/admin/two-factor`),
    page.click('form[action="/admin/two-factor"] button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
  assert.equal(response.status(), 200, `setting up two-step for ${who.email} answered ${response.status()}`);
  await page.goto(`${base}/admin`);
  assert.equal(new URL(page.url()).pathname, '/admin', `${who.email} should reach the dashboard after two-step, not ${page.url()}`);
}

/**
 * Creates an event through the form at /admin/events/new and publishes it with its button;
 * returns its back-office id.
 */
export async function createPublishedEvent(page, base, { slug, title = 'Community health forum' }) {
  await page.goto(`${base}/admin/events/new`);
  await page.selectOption('#field-chapter', 'canada');
  await page.fill('#field-slug', slug);
  await page.fill('#field-title_en', title);
  await page.fill('#field-title_fr', 'Forum sur la santé communautaire');
  await page.fill('#field-description_en', 'An evening on **health equity** in our neighbourhoods.');
  await page.fill('#field-description_fr', 'Une soirée sur l’**équité en santé** dans nos quartiers.');
  await page.selectOption('#field-format', 'in-person');
  await page.fill('#field-venue', 'Centre communautaire');
  await page.fill('#field-address', '100 Queen St W, Toronto');
  await page.fill('#field-time_zone', 'America/Toronto');
  await page.fill('#field-starts', '2030-06-01T19:00');
  await page.fill('#field-ends', '2030-06-01T22:00');
  await page.fill('#field-capacity', '50');
  await page.check('#field-waitlist');
  await Promise.all([
    page.waitForURL(/\/admin\/events\/\d+(\?.*)?$/),
    page.click('form[action="/admin/events/new"] button[type=submit]'),
  ]).catch(async (e) => {
    const errors = await page.locator('.error-summary').innerText().catch(() => '(no error summary)');
    throw new Error(`creating the event ${slug} failed at ${page.url()}: ${errors}\n${e.message}`);
  });
  const id = new URL(page.url()).pathname.split('/').pop();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/admin/events/${id}/publish`),
    page.click(`form[action="/admin/events/${id}/publish"] button[type=submit]`),
  ]);
  await page.waitForLoadState('load');
  await page.goto(`${base}/${'en'}/events/${slug}`);
  assert.equal(await page.locator(`form[action="/en/events/${slug}/register"]`).count(), 1,
    `the published event ${slug} should show its register form`);
  return id;
}
