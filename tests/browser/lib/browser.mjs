// Debian's Chromium driven by playwright-core, axe-core, and the checks the suites share.

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_BIN)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The viewports the suites use. */
export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
  // WCAG 1.4.10: 320 CSS px is a 1280 px window at 400 %.
  reflow320: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  // A 1280 px window at 200 % zoom: 640 CSS px at two device pixels each.
  zoom200: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
};

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page: its violations, and the rules it
 * could not decide ("incomplete", for a person to review).
 */
export async function axeResults(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const simplify = (v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        summary: n.failureSummary,
      })),
    });
    return { violations: results.violations.map(simplify), incomplete: results.incomplete.map(simplify) };
  }, WCAG_TAGS);
}

/** A readable account of axe violations for an assertion message. */
export function formatViolations(url, violations) {
  const out = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    out.push(`- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`);
    for (const n of v.nodes) {
      out.push(`    at ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`);
      out.push(`       ${n.html.length > 160 ? `${n.html.slice(0, 160)}…` : n.html}`);
      if (n.summary) out.push(...n.summary.split('\n').map((l) => `       ${l.trim()}`).filter((l) => l.trim()));
    }
  }
  return out.join('\n');
}

/** Horizontal overflow of the document: scrollWidth and clientWidth, and the widest culprits. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) {
        const name = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
          (el.classList.length ? `.${[...el.classList].join('.')}` : '');
        culprits.push(`${name} (right edge ${Math.round(r.right)}px)`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 10) };
  });
}

/** What the focused element is and whether its focus is drawn (outline or box-shadow). */
export async function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', describe: 'body', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const describe = el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      (el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '') +
      (el.classList.length ? `.${[...el.classList].join('.')}` : '') +
      (el.tagName === 'A' ? `[href=${el.getAttribute('href')}]` : '');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      type: el.getAttribute('type'),
      describe,
      visible: Boolean(outline || shadow),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      boxShadow: style.boxShadow,
      inViewport: (() => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
          r.top < window.innerHeight && r.left < window.innerWidth;
      })(),
    };
  });
}
