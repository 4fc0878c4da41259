// Members for the suites that need one: joined through the form (in a chosen chapter, with or
// without the newsletter), confirmed through the emailed link, and signed in with theirs.

import assert from 'node:assert/strict';

/** Joins through the form in English and confirms with the emailed link. */
export async function joinAndConfirm(page, server, { name, email, chapter = 'canada', newsletter = false }) {
  const { base } = server;
  await page.goto(`${base}/en/join`);
  await page.fill('#field-full_name', name);
  await page.fill('#field-email', email);
  await page.selectOption('#field-chapter', chapter);
  if (newsletter) await page.check('#field-newsletter');
  await Promise.all([page.waitForURL(`${base}/en/join/check-email`), page.click('form[action$="/join"] button[type=submit]')]);
  const link = await server.waitForLink(email.split('@')[1]);
  await page.goto(link);
  await Promise.all([page.waitForURL(`${base}/en/join/confirmed`), page.click('form.button-form button[type=submit]')]);
}

/** Signs a confirmed member in with the link the sign-in form sends; lands on /en/account. */
export async function signInMember(page, server, email) {
  const { base } = server;
  await page.goto(`${base}/en/sign-in`);
  await page.fill('#field-email', email);
  await Promise.all([page.waitForURL(`${base}/en/sign-in/sent`), page.click('form[action="/en/sign-in"] button[type=submit]')]);
  const link = await server.waitForLinkTo(email.split('@')[1], '/sign-in/[0-9a-f]{64}');
  await page.goto(link);
  await Promise.all([page.waitForURL(`${base}/en/account`), page.click('form.button-form button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, '/en/account');
}
