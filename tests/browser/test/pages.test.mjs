// Every public page in English, French, Spanish and Portuguese: axe-core finds no WCAG 2.0/2.1 A or AA
// violation, the page reflows without horizontal scrolling at 320 CSS px and at 200 % zoom,
// and screenshots of the main pages land in target/screenshots/ for people to look at.

import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { VIEWPORTS, axeResults, formatViolations, horizontalOverflow, launch } from '../lib/browser.mjs';
import { LANGUAGES, PAGES, prepareLinks } from '../lib/pages.mjs';
import { startServer, workspace } from '../lib/server.mjs';

const SCREENSHOT_DIR = process.env.RESEAU_SCREENSHOT_DIR ?? join(workspace, 'target', 'screenshots');
const SCREENSHOT_PAGES = ['home', 'join', 'join-errors', 'confirm', 'accessibility'];
const SCREENSHOT_VIEWPORTS = ['desktop', 'phone'];

let server;
let browser;
let links;
const contexts = {};
const pages = {};

before(async () => {
  server = await startServer();
  browser = await launch();
  links = await prepareLinks(browser, server);
  // axe is injected as a script tag, which the site's CSP (no script-src) would refuse; only
  // the audit context bypasses it. The others see the pages exactly as served.
  contexts.audit = await browser.newContext({ ...VIEWPORTS.desktop, bypassCSP: true });
  for (const name of ['reflow320', 'zoom200', ...SCREENSHOT_VIEWPORTS]) {
    contexts[name] = await browser.newContext(VIEWPORTS[name]);
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `spec` in the page kept for `contextName` (one tab per viewport), then runs `check`. */
async function onPage(contextName, spec, lang, check) {
  pages[contextName] ??= await contexts[contextName].newPage();
  const page = pages[contextName];
  await spec.open(page, server.base, lang, links);
  return check(page);
}

async function assertReflows(contextName, spec, lang) {
  await onPage(contextName, spec, lang, async (page) => {
    const o = await horizontalOverflow(page);
    const { width } = page.viewportSize();
    assert.ok(
      o.scrollWidth <= o.clientWidth + 1,
      `${page.url()} scrolls sideways at ${width} CSS px: scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}\n` +
        `  wider than the viewport: ${o.culprits.join(', ') || '(none found)'}`,
    );
  });
}

for (const lang of LANGUAGES) {
  describe(`pages in ${lang}`, () => {
    for (const spec of PAGES) {
      test(`${lang} ${spec.name}: no axe-core violations of WCAG 2.1 A/AA`, async (t) => {
        await onPage('audit', spec, lang, async (page) => {
          const { violations, incomplete } = await axeResults(page);
          for (const v of incomplete) {
            t.diagnostic(`axe could not decide ${v.id} on ${v.nodes.length} element(s): ${v.help} (review by hand)`);
          }
          assert.equal(violations.length, 0, formatViolations(page.url(), violations));
        });
      });

      test(`${lang} ${spec.name}: no horizontal scrolling at 320 CSS px`, async () => {
        await assertReflows('reflow320', spec, lang);
      });

      test(`${lang} ${spec.name}: no horizontal scrolling at 1280 px zoomed to 200 %`, async () => {
        await assertReflows('zoom200', spec, lang);
      });
    }

    for (const name of SCREENSHOT_PAGES) {
      const spec = PAGES.find((p) => p.name === name);
      for (const vp of SCREENSHOT_VIEWPORTS) {
        const { width, height } = VIEWPORTS[vp].viewport;
        test(`${lang} ${name}: screenshot at ${width}x${height}`, async () => {
          const path = join(SCREENSHOT_DIR, `${name}-${lang}-${width}x${height}.png`);
          await onPage(vp, spec, lang, (page) => page.screenshot({ path, fullPage: true }));
          assert.ok((await stat(path)).size > 1000, `${path} should be a real image`);
        });
      }
    }
  });
}
