// Screenshots of the portal for the README (docs/screenshots/), desktop (1280 px) and phone
// (375 px): the bundled site built and served as the e2e gates do, the first screen of each
// page. Run: cd tests/e2e && PLANPORTAL_BIN=../../bin/planportal node screenshots.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repo, startSite, launchBrowser, gatePages } from './lib.mjs';

const out = join(repo, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const site = await startSite();
const browser = await launchBrowser();
const pages = await gatePages(site.base);
const shots = [
  ['home', '/'],
  ['plan', '/plans/haian-2025/', '.doc-body'],
  ['theme', pages.theme],
  ['table', '/plans/'],
  ['theme-table', pages.theme + 'files/'],
  ['region', '/regions/jiangsusheng/'],
  ['report', '/plans/anhui-2025/'],
  ['indicators', '/indicators/'],
  ['subject', '/indicators/subjects/family-doctor-coverage/'],
  ['unit', '/units/haianshiweishengjiankangweiyuanhui-bangongshi/'],
  ['plan-dark', '/plans/haian-2025/', null, 'dark'],
  ['plan-contrast', '/plans/haian-2025/', null, 'contrast'],
];
try {
  for (const [name, path, scrollTo, mode] of shots) {
    for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['375', { width: 375, height: 740 }]]) {
      if (mode === 'dark' && label !== 'desktop') continue;
      if (mode === 'contrast' && label !== '375') continue;
      const ctx = await browser.newContext({ viewport, colorScheme: mode === 'dark' ? 'dark' : 'light' });
      const page = await ctx.newPage();
      await page.goto(site.base + path);
      if (mode === 'contrast') await page.check('#opt-contrast');
      if (scrollTo) await page.locator(scrollTo).evaluate((e) => e.scrollIntoView());
      await page.screenshot({ path: join(out, `${name}-${label}.png`) });
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
