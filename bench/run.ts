/**
 * `npm run bench`: generation and ingestion at scale, summary latency against the healthz floor,
 * and the server's peak memory. Servers run as child processes so their memory is their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDataset, writeDataset } from '../data/generate.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench');
const SCALE = { seed: 7, days: 365, campaigns: 1000 };
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 2000);

interface Row {
  measure: string;
  value: string;
  target: string;
}
const table: Row[] = [];
const report = (measure: string, value: string, target = '') => {
  table.push({ measure, value, target });
  console.error(`  ${measure}: ${value}`);
};

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });

  console.error(`generating ${SCALE.campaigns} campaigns × ${SCALE.days} days…`);
  let t = performance.now();
  const dataset = generateDataset(SCALE);
  const scaleDir = join(WORK, 'scale');
  writeDataset(scaleDir, dataset);
  const genMs = performance.now() - t;
  const csvRows = countCsvRows(scaleDir);
  report('generate 1,000 × 365 (rows written)', `${csvRows.toLocaleString('en-US')} rows in ${(genMs / 1000).toFixed(2)} s`, 'seconds');

  console.error('ingesting…');
  const scaleDb = join(WORK, 'scale.db');
  const store = new Store(await openDatabase(scaleDb));
  t = performance.now();
  const results = await ingestPath(store, scaleDir);
  const ingestS = (performance.now() - t) / 1000;
  store.close();
  const stored = results.reduce((n, r) => n + r.rowsStored, 0);
  const rejected = results.reduce((n, r) => n + r.rowsRejected, 0);
  if (rejected > 0) throw new Error(`the generated data had ${rejected} rejected rows`);
  report('ingest 1,000 × 365 (rows/s)', `${Math.round(stored / ingestS).toLocaleString('en-US')} rows/s (${stored.toLocaleString('en-US')} rows, ${ingestS.toFixed(2)} s)`, '≥ 100,000 rows/s');

  for (const [label, db, dataDir] of [
    ['sample', join(WORK, 'sample.db'), join(ROOT, 'data/sample')],
    ['scale', scaleDb, join(WORK, 'empty')],
  ] as const) {
    const server = await startServer(db, dataDir);
    try {
      const floor = await latency(server.url + '/api/healthz');
      const summary = await latency(server.url + '/api/dashboard-summary');
      const filtered = await latency(server.url + `/api/dashboard-summary?channel=${encodeURIComponent(dataset.channels[0]!)}`);
      report(`${label}: /api/healthz p50 / p99 (floor)`, ms(floor));
      report(`${label}: dashboard-summary p50 / p99`, ms(summary), label === 'scale' ? 'p50 ≤ 5 ms' : `p50 ≤ 2× floor (${(2 * floor.p50).toFixed(2)} ms)`);
      report(`${label}: dashboard-summary, one channel p50 / p99`, ms(filtered));
      report(`${label}: server peak memory (VmHWM)`, `${peakMemoryMb(server.process.pid!)} MB`, label === 'scale' ? '≪ 340 MB' : '');
    } finally {
      server.process.kill('SIGTERM');
    }
  }

  console.log('\n| measure | value | target |\n|---|---|---|');
  for (const row of table) console.log(`| ${row.measure} | ${row.value} | ${row.target} |`);
}

function countCsvRows(dir: string): number {
  let rows = 0;
  for (const f of ['campaigns', 'campaign_daily', 'sales_daily', 'customer_daily', 'budgets']) {
    const text = readFileSync(join(dir, `${f}.csv`), 'utf8');
    rows += text.split('\n').filter((l) => l.length > 0).length - 1;
  }
  return rows;
}

async function startServer(dbPath: string, dataDir: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/index.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RM_DB_URL: dbPath, RM_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolveUrl(match[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, process: child };
}

async function latency(url: string): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 100; i++) await (await fetch(url)).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

const ms = (l: { p50: number; p99: number }) => `${l.p50.toFixed(2)} ms / ${l.p99.toFixed(2)} ms`;

function peakMemoryMb(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return (kb / 1024).toFixed(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
