/**
 * Widget measures for `npm run bench`:
 * - gzip sizes (level 9) of bundles built from `widgets/src` with the self-registering bundle's own
 *   Vite configuration (`widgets/vite.config.ts`, mode `bundle`), each from another entry: every
 *   element but the chart, with Lit and the SDK; the chart element with its Chart.js parts; the
 *   whole bundle. Lazy chunks (socket.io-client, loaded on the first live subscription; Chart.js,
 *   loaded when a chart renders) are reported apart. A bundle with zod in it fails the measure;
 * - the time from the bundle's `<script type="module">` starting to load to the first KPI figure
 *   painted, in Chromium (`/usr/bin/chromium`) against a running server.
 * `npx tsx bench/widgets.ts` prints the sizes alone.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import type { Browser, Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const W = (p: string) => resolve(ROOT, 'widgets/src', p);

export interface SizeRow {
  measure: string;
  kb: number;
  target?: number;
  note?: string;
}

interface Built {
  entry: number;
  chunks: { name: string; gz: number }[];
  code: Map<string, string>;
}

let entries = 0;
async function bundle(entryCode: string): Promise<Built> {
  const dir = resolve(ROOT, '.bench');
  mkdirSync(dir, { recursive: true });
  const entryFile = resolve(dir, `widgets-entry-${process.pid}-${entries++}.js`);
  writeFileSync(entryFile, entryCode);
  // Merged over the config file: only the entry, the file names and no writing differ.
  const out = (await build({
    configFile: resolve(ROOT, 'widgets/vite.config.ts'),
    mode: 'bundle',
    logLevel: 'silent',
    root: resolve(ROOT, 'widgets'),
    build: {
      write: false,
      sourcemap: false,
      lib: { entry: entryFile },
      rollupOptions: { output: { entryFileNames: 'entry.js', chunkFileNames: '[name].js' } },
    },
  }).finally(() => rmSync(entryFile, { force: true }))) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  const code = new Map<string, string>();
  let entry = 0;
  const chunks: { name: string; gz: number }[] = [];
  for (const o of outputs) {
    if (o.type !== 'chunk') continue;
    const zod = Object.keys(o.modules).find((id) => /[\\/]node_modules[\\/]zod[\\/]/.test(id));
    if (zod) throw new Error(`zod is in the widget bundle (${o.fileName}: ${zod}); the SDK's contract must be imported as types only there`);
    const gz = gzipSync(o.code, { level: 9 }).length;
    code.set(o.fileName, o.code);
    if (o.isEntry) entry += gz;
    else chunks.push({ name: o.name, gz });
  }
  return { entry, chunks, code };
}

/**
 * Chromium (Debian's) for the browser measures, and a way to open a page that loads the widgets'
 * self-registering bundle (built from `widgets/src`) at the API's own origin: both are served
 * through Playwright's request routing, so the API calls reach the real server with no CORS setup.
 */
export async function benchBrowser(apiUrl: string): Promise<{ browser: Browser; open: (html: string) => Promise<Page> }> {
  const { chromium } = await import('playwright-core');
  const built = await bundle(`import '${W('all.ts')}';`);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    // A routed page is not fetched, so Chromium cannot tell it is local and would block its
    // WebSocket to the loopback server.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-features=LocalNetworkAccessChecks'],
  });
  let pages = 0;
  return {
    browser,
    /** A fresh context with `html` (which loads `/bench-widgets/entry.js`) open at `apiUrl`'s origin. */
    async open(html: string): Promise<Page> {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.route(`${apiUrl}/bench-widgets/**`, (route) => {
        const name = new URL(route.request().url()).pathname.replace('/bench-widgets/', '');
        const code = built.code.get(name);
        return code ? route.fulfill({ body: code, contentType: 'text/javascript' }) : route.fulfill({ status: 404 });
      });
      const path = `/bench-page-${pages++}.html`;
      await tab.route(`${apiUrl}${path}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
      await tab.goto(`${apiUrl}${path}`);
      return tab;
    },
  };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const ELEMENTS = ['provider', 'kpi', 'channel-chart', 'health-table', 'recommendations', 'anomaly-banner', 'budget-sim', 'report'];

export async function widgetSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  const noChart = await bundle(ELEMENTS.filter((e) => e !== 'channel-chart').map((e) => `import '${W(`${e}/define.ts`)}';`).join('\n'));
  const chart = await bundle(`import '${W('channel-chart/define.ts')}';`);
  const chartParts = chart.chunks.find((c) => c.name.includes('chart-parts'));
  const live = noChart.chunks.find((c) => /esm|socket/i.test(c.name));
  rows.push({ measure: 'widgets: all elements but the chart, with Lit and the SDK (gzip)', kb: kb(noChart.entry), target: 35 });
  if (live) rows.push({ measure: 'widgets: + socket.io-client, loaded on the first live subscription (gzip)', kb: kb(live.gz), note: 'lazy chunk' });

  rows.push({
    measure: 'widgets: <rm-channel-chart> alone on a page, with its Chart.js parts, Lit and the SDK (gzip)',
    kb: kb(chart.entry + (chartParts?.gz ?? 0)),
    target: 60,
    note: `element ${kb(chart.entry)} KB + Chart.js parts ${kb(chartParts?.gz ?? 0)} KB (lazy)`,
  });

  const all = await bundle(`import '${W('all.ts')}';`);
  rows.push({
    measure: 'widgets: <rm-channel-chart> with its Chart.js parts, on a page with the other elements (gzip)',
    kb: kb(all.entry - noChart.entry + (chartParts?.gz ?? 0)),
    target: 60,
    note: 'Lit and the SDK counted once, with the other elements',
  });
  rows.push({
    measure: 'widgets: self-registering bundle, every element (gzip)',
    kb: kb(all.entry),
    note: `+ lazy chunks: ${all.chunks.map((c) => `${c.name} ${kb(c.gz)} KB`).join(', ')}`,
  });
  return rows;
}

/**
 * Milliseconds from the bundle's script tag starting to load to the first `<rm-kpi>` figure painted,
 * median of `runs` cold page loads. The page and the bundle are served at the API's origin through
 * Playwright's request routing (so no CORS setup); the API calls reach the real server.
 */
export async function firstKpiPaint(apiUrl: string, token: string, runs = 5): Promise<{ p50: number; all: number[] }> {
  const { browser, open } = await benchBrowser(apiUrl);
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>first KPI</title>
    <script>window.__t0 = performance.now();</script>
    <script type="module" src="/bench-widgets/entry.js"></script></head>
    <body><rm-provider api-base="" token="${token}" no-live><rm-kpi metric="revenue" no-live></rm-kpi></rm-provider>
    <script>
      (function poll() {
        const v = document.querySelector('rm-kpi')?.shadowRoot?.querySelector('[part=value]');
        if (v && v.textContent) { requestAnimationFrame(() => { window.__painted = performance.now() - window.__t0; }); return; }
        requestAnimationFrame(poll);
      })();
    </script></body></html>`;
  const all: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const tab = await open(page);
      await tab.waitForFunction(() => (globalThis as unknown as { __painted?: number }).__painted !== undefined, undefined, { timeout: 15_000 });
      all.push(await tab.evaluate(() => (globalThis as unknown as { __painted: number }).__painted));
      await tab.context().close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, all };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await widgetSizes())
    console.log(`${row.measure}: ${row.kb} KB${row.target ? ` (target ≤ ${row.target} KB)` : ''}${row.note ? `; ${row.note}` : ''}`);
}
