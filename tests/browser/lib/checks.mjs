// The checks every page state gets, registered as tests: axe-core (WCAG 2.0/2.1 A and AA), no
// horizontal scrolling at 320 CSS px and at 200 % zoom, and screenshots of the chosen pages.
//
// A page state (`spec`) is `{ name, session, open(page, lang) }`: `session` names the browser
// state it needs (a key of the `sessions` given to `browserContexts`, or absent for a fresh
// visitor), and `open` leaves the page showing that state.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { VIEWPORTS, axeResults, formatViolations, horizontalOverflow } from './browser.mjs';
import { langTag } from './languages.mjs';
import { workspace } from './server.mjs';

export const SCREENSHOT_DIR = process.env.RESEAU_SCREENSHOT_DIR ?? join(workspace, 'target', 'screenshots');
const SCREENSHOT_VIEWPORTS = ['desktop', 'phone'];

/**
 * One browser context per viewport and session, made on first use, with one tab each. The
 * audit context bypasses the CSP (axe is injected as a script tag); the others see the pages
 * exactly as served. `sessions` maps a name to a Playwright storage state (cookies).
 */
export function browserContexts(browser, sessions = {}) {
  const tabs = new Map();
  return {
    async page(view, session) {
      const key = `${view}/${session ?? 'visitor'}`;
      if (!tabs.has(key)) {
        const options = view === 'audit'
          ? { ...VIEWPORTS.desktop, bypassCSP: true }
          : view === 'audit320'
            ? { ...VIEWPORTS.reflow320, bypassCSP: true }
            : { ...VIEWPORTS[view] };
        if (session) {
          assert.ok(sessions[session], `no browser session named ${session}`);
          options.storageState = sessions[session];
        }
        const context = await browser.newContext(options);
        tabs.set(key, await context.newPage());
      }
      return tabs.get(key);
    },
  };
}

/**
 * Registers, for each language and each spec: the axe test, the two reflow tests, and the
 * screenshots of the specs named in `screenshots`. With `narrowAudit`, axe runs again at 320
 * CSS px, where wide tables become scrolled regions. `env()` gives `{ contexts }` once the
 * suite's `before` has run.
 */
export function definePageChecks({ title, languages, specs, screenshots = [], narrowAudit = false, env }) {
  const onPage = async (view, spec, lang, check) => {
    const page = await env().contexts.page(view, spec.session);
    await spec.open(page, lang);
    return check(page);
  };
  const assertReflows = (view, spec, lang) =>
    onPage(view, spec, lang, async (page) => {
      const o = await horizontalOverflow(page);
      const { width } = page.viewportSize();
      assert.ok(
        o.scrollWidth <= o.clientWidth + 1,
        `${page.url()} scrolls sideways at ${width} CSS px: scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}\n` +
          `  wider than the viewport: ${o.culprits.join(', ') || '(none found)'}`,
      );
    });

  for (const lang of languages) {
    describe(`${title} in ${lang}`, () => {
      for (const spec of specs) {
        const audit = (view) => async (t) => {
          await onPage(view, spec, lang, async (page) => {
            const { violations, incomplete } = await axeResults(page);
            for (const v of incomplete) {
              t.diagnostic(`axe could not decide ${v.id} on ${v.nodes.length} element(s): ${v.help} (review by hand)`);
            }
            assert.equal(violations.length, 0, formatViolations(page.url(), violations));
          });
        };
        test(`${lang} ${spec.name}: no axe-core violations of WCAG 2.1 A/AA`, audit('audit'));
        if (narrowAudit) {
          test(`${lang} ${spec.name}: no axe-core violations of WCAG 2.1 A/AA at 320 CSS px`, audit('audit320'));
        }
        test(`${lang} ${spec.name}: no horizontal scrolling at 320 CSS px`, () => assertReflows('reflow320', spec, lang));
        test(`${lang} ${spec.name}: no horizontal scrolling at 1280 px zoomed to 200 %`, () =>
          assertReflows('zoom200', spec, lang));
      }
      for (const name of screenshots) {
        const spec = specs.find((p) => p.name === name);
        assert.ok(spec, `no page state named ${name} to photograph`);
        for (const vp of SCREENSHOT_VIEWPORTS) {
          const { width, height } = VIEWPORTS[vp].viewport;
          test(`${lang} ${name}: screenshot at ${width}x${height}`, async () => {
            await mkdir(SCREENSHOT_DIR, { recursive: true });
            const path = join(SCREENSHOT_DIR, `${name}-${lang}-${width}x${height}.png`);
            await onPage(vp, spec, lang, (page) => page.screenshot({ path, fullPage: true }));
            assert.ok((await stat(path)).size > 1000, `${path} should be a real image`);
          });
        }
      }
    });
  }
}

/** Opens `url`, checks its status and that the page is in `lang`; returns the response. */
export async function visit(page, url, status, lang) {
  const response = await page.goto(url);
  assert.equal(response.status(), status, `GET ${url} answered ${response.status()}, expected ${status}`);
  assert.equal(await page.getAttribute('html', 'lang'), langTag(lang), `${page.url()} should be in ${lang}`);
  return response;
}

/**
 * Sends the form that `button` belongs to and waits for the answer to its POST to `postUrl`
 * (and the page it leads to); `expect` is a selector the resulting page must show.
 */
export async function submitExpecting(page, button, postUrl, expect, why) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === postUrl),
    page.click(button),
  ]);
  await page.waitForLoadState('load');
  assert.ok(await page.locator(expect).count(), `${why} (POST ${postUrl} answered ${response.status()}; now at ${page.url()})`);
  return response;
}
