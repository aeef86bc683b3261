// Lighthouse mobile, several runs a page, medians: the figures QUALITY.md reports beside the
// e2e gate's (which keeps the best of up to three runs). The same build, server, chromium
// flags and Lighthouse settings as run.mjs (lighthouse.mjs: the mobile preset, simulated slow
// 4G and 4x CPU); the machine's load changes the simulated timings, so the median of RUNS
// runs (5 by default) is the figure, with the lowest and highest beside it.
// Run: cd tests/e2e && PLANPORTAL_BIN=../../bin/planportal RUNS=5 node lighthouse-median.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { here, startSite, gatePages } from './lib.mjs';
import { launchForLighthouse, audit, categories } from './lighthouse.mjs';

const runs = Number(process.env.RUNS || 5);
const preset = process.env.PRESET || 'mobile';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const site = await startSite();
const chrome = await launchForLighthouse();
const lines = [];
try {
  const pages = await gatePages(site.base);
  const keys = (process.env.PAGES || 'home,document,theme,search,table').split(',');
  lines.push(`Lighthouse ${preset}, ${runs} runs a page (\`RUNS=${runs} node lighthouse-median.mjs\` in tests/e2e), ${site.version}, ${new Date().toISOString().slice(0, 16)}Z: median (lowest–highest).`, '');
  lines.push('| page | Performance | Accessibility | Best Practices | SEO | FCP ms | LCP ms | TBT ms | CLS | below 1 in the median run |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const k of keys) {
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(await audit(chrome.port, site.base + pages[k], preset));
    const cell = (f) => { const xs = rs.map(f); const m = median(xs); const lo = Math.min(...xs), hi = Math.max(...xs); return lo === hi ? `${m}` : `${m} (${lo}–${hi})`; };
    const byPerf = [...rs].sort((a, b) => a.scores.performance - b.scores.performance);
    const mid = byPerf[Math.floor(byPerf.length / 2)];
    const failing = categories.flatMap((c) => mid.failing[c]).join('; ') || '—';
    lines.push(`| \`${decodeURIComponent(pages[k])}\` (${k}) | ${categories.map((c) => cell((r) => r.scores[c])).join(' | ')} | ${cell((r) => Math.round(r.metrics.fcp))} | ${cell((r) => Math.round(r.metrics.lcp))} | ${cell((r) => Math.round(r.metrics.tbt))} | ${median(rs.map((r) => r.metrics.cls)).toFixed(3)} | ${failing} |`);
    console.error(lines[lines.length - 1]);
  }
} finally {
  await chrome.kill();
  await site.stop();
}
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', `lighthouse-median-${preset}.md`), lines.join('\n') + '\n');
console.log(lines.join('\n'));
