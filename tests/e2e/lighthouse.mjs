// Lighthouse (node API) on Debian's chromium, launched by chrome-launcher with the same flags
// as the playwright tests.
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumPath, chromiumFlags } from './lib.mjs';

export const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

// What each category must score (0–100).
export const thresholds = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

export async function launchForLighthouse() {
  return chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: chromiumFlags,
    logLevel: 'silent',
  });
}

/**
 * Audits one URL with the mobile (Lighthouse's default: a mid-range phone, slow 4G and a 4x
 * slower CPU, both simulated) or desktop preset. Returns { scores, failing, metrics }, scores
 * in 0–100 and failing the scored audits below 1 per category.
 */
export async function audit(port, url, preset) {
  const flags = { port, output: 'json', logLevel: 'error', onlyCategories: categories };
  const res = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  const lhr = res.lhr;
  if (lhr.runtimeError) throw new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {}, failing = {};
  for (const c of categories) {
    const cat = lhr.categories[c];
    scores[c] = cat.score === null ? null : Math.round(cat.score * 100);
    failing[c] = cat.auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => {
        const a = lhr.audits[r.id];
        return `${r.id} (${a.score}): ${a.title}${a.displayValue ? ' — ' + a.displayValue : ''}`;
      });
  }
  const m = (id) => lhr.audits[id]?.numericValue;
  const metrics = {
    fcp: m('first-contentful-paint'), lcp: m('largest-contentful-paint'), tbt: m('total-blocking-time'),
    cls: m('cumulative-layout-shift'), si: m('speed-index'), bytes: m('total-byte-weight'),
  };
  const warnings = lhr.runWarnings || [];
  return { scores, failing, metrics, warnings };
}

/**
 * Lighthouse's accessibility category on a page in a reader's state (dark mode, high
 * contrast): puppeteer opens the URL in the Lighthouse chromium, prepare(page) sets the state,
 * and Lighthouse audits the page as it is (snapshot mode). Returns { score, failing }.
 */
export async function auditAccessibilityIn(port, url, prepare) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { snapshot } = await import('lighthouse');
  const b = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
  const page = await b.newPage();
  try {
    await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    await page.goto(url, { waitUntil: 'load' });
    await prepare(page);
    const res = await snapshot(page, { flags: { onlyCategories: ['accessibility'], logLevel: 'error' } });
    const lhr = res.lhr;
    const cat = lhr.categories.accessibility;
    const failing = cat.auditRefs
      .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
      .map((r) => `${r.id}: ${lhr.audits[r.id].title}`);
    return { score: Math.round(cat.score * 100), failing };
  } finally {
    await page.close();
    b.disconnect();
  }
}
