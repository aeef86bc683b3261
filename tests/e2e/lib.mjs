// Shared helpers for the browser checks: build and serve the bundled site on a free loopback
// port, launch Debian's chromium through playwright-core, inject axe-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '..', '..');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// The flags every chromium of these tests runs with. Background networking is off because this
// machine's network is closed: chromium would otherwise try (and fail) to reach Google at start.
export const chromiumFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--disable-extensions', '--mute-audio',
];

/**
 * Builds the bundled site into a temporary directory (never the working tree's public/, which
 * others may be building at the same time) and serves it with `planportal serve` on
 * 127.0.0.1 and a port the kernel picks. Returns { base, dest, stop }.
 */
export async function startSite() {
  const bin = process.env.PLANPORTAL_BIN || join(repo, 'bin', 'planportal');
  if (!existsSync(bin)) throw new Error(`${bin} not found: run 'make e2e' (it builds it)`);
  const source = process.env.PLANPORTAL_SOURCE || repo;
  const tmp = mkdtempSync(join(tmpdir(), 'planportal-e2e-'));
  const dest = join(tmp, 'public');
  const index = join(tmp, 'search.bleve');
  try {
    execFileSync(bin, ['build', '--source', source, '--dest', dest, '--index', index], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const proc = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--source', source, '--dest', dest, '--index', index],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`planportal serve did not start:\n${out}${stderr}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`planportal serve exited ${code}:\n${stderr}`)); });
  }).catch((err) => {
    proc.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  });
  proc.removeAllListeners('exit');
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((ok) => proc.once('exit', ok));
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  const version = execFileSync(bin, ['version'], { encoding: 'utf8' }).trim();
  return { base, dest, stop, version, serverLog: () => stderr };
}

/** Launches chromium (Debian's, never a downloaded one) through playwright-core. */
export async function launchBrowser() {
  // playwright passes its own headless switch; the rest of ours go as they are.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags.filter((f) => f !== '--headless'),
  });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Rules axe leaves off by default that these gates turn on: WCAG 2.2's target size (24 px tap
// targets, 2.5.8 AA) and, for older readers, the enhanced contrast of 7:1 (1.4.6 AAA).
const axeRules = {
  'target-size': { enabled: true },
  'color-contrast-enhanced': { enabled: true },
  ...JSON.parse(process.env.AXE_RULES || '{}'),
};

/**
 * Runs axe-core on the page (all rules but experimental and deprecated ones: WCAG 2.0/2.1/2.2 A
 * and AA, the best practices, target size and 7:1 contrast) and returns its violations. The
 * script goes in through the DevTools protocol, so the site's Content-Security-Policy (no
 * inline script) stays as served.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const res = await page.evaluate((rules) => window.axe.run(document, { resultTypes: ['violations'], rules }), axeRules);
  return res.violations;
}

export function formatViolations(vs) {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`).join('\n')).join('\n');
}

/**
 * The pages every gate looks at. The theme page is the first /themes/<slug>/ link on the home
 * page; until the theme taxonomy pages exist (no /themes/ on the site), the section listing
 * /plans/ stands in for it, and once /themes/ exists the home page must link a theme.
 */
export async function gatePages(base) {
  const home = await (await fetch(base + '/')).text();
  const m = home.match(/href="(\/themes\/[a-z0-9-]+\/)"/);
  const themesIndex = (await fetch(base + '/themes/')).status === 200;
  let theme = m ? m[1] : null;
  if (!theme && themesIndex) throw new Error('/themes/ exists but the home page links no /themes/<slug>/ page');
  return {
    home: '/',
    document: '/plans/haian-2025/',
    theme: theme || '/plans/',
    search: '/search/?q=' + encodeURIComponent('儿科'),
    table: '/plans/', // the policy-library table
    themesExist: Boolean(theme),
  };
}
