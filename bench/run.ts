/**
 * `npm run bench`: generation and ingestion at scale, summary latency against the healthz floor,
 * and the server's peak memory. Servers run as child processes so their memory is their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LIVE_TOPICS, ROLES, type LiveTopic } from '@retailmind/sdk/contract';
import { io, type Socket } from 'socket.io-client';
import { generateDataset, writeDataset } from '../data/generate.js';
import { benchBudget, httpLatency as budgetHttpLatency } from './budget.js';
import { engineRecompute, type EngineTiming } from './engine.js';
import { ingestToKpiPaint } from './dashboard.js';
import { firstKpiPaint, widgetSizes } from './widgets.js';
import { allows } from '../server/src/auth/matrix.js';
import { TokenService } from '../server/src/auth/tokens.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, '.bench');
const SCALE = { seed: 7, days: 365, campaigns: 1000 };
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 2000);
const LIVE_CLIENTS = Number(process.env['BENCH_LIVE_CLIENTS'] ?? 200);
const LIVE_INGESTS = Number(process.env['BENCH_LIVE_INGESTS'] ?? 50);
/** Untimed ingests first, as the HTTP measures warm up with 100 requests. */
const LIVE_WARMUP = 5;
/** `BENCH_ONLY=live npm run bench`: only the live measures, on the sample (a quick loop while tuning them). */
const LIVE_ONLY = process.env['BENCH_ONLY'] === 'live';
/** The servers' token secret; the bench signs its own tokens with it. */
const JWT_SECRET = randomBytes(32).toString('base64');
let authHeader: Record<string, string> = {};

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
  authHeader = { Authorization: `Bearer ${(await new TokenService(JWT_SECRET).issue('bench', 'manager')).token}` };
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  if (LIVE_ONLY) {
    const server = await startServer(join(WORK, 'sample.db'), join(ROOT, 'data/sample'));
    try {
      await benchLive(server);
    } finally {
      server.process.kill('SIGTERM');
    }
    return printTable();
  }

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

  await benchEngine(scaleDb);
  await benchBudget(ROOT, WORK, report);

  console.error('widget bundle sizes…');
  for (const row of await widgetSizes())
    report(row.measure, `${row.kb.toFixed(1)} KB${row.note ? ` (${row.note})` : ''}`, row.target ? `≤ ${row.target} KB` : '');

  for (const [label, db, dataDir] of [
    ['sample', join(WORK, 'sample.db'), join(ROOT, 'data/sample')],
    ['scale', scaleDb, join(WORK, 'empty')],
  ] as const) {
    const server = await startServer(db, dataDir);
    try {
      const floor = await latency(server.url + '/api/healthz');
      const summary = await latency(server.url + '/api/dashboard-summary');
      const filtered = await latency(server.url + `/api/dashboard-summary?channel=${encodeURIComponent(dataset.options.channels[0]!)}`);
      report(`${label}: /api/healthz p50 / p99 (floor)`, ms(floor));
      report(`${label}: dashboard-summary p50 / p99`, ms(summary), label === 'scale' ? 'p50 ≤ 5 ms' : `p50 ≤ 2× floor (${(2 * floor.p50).toFixed(2)} ms)`);
      report(`${label}: dashboard-summary, one channel p50 / p99`, ms(filtered));
      report(`${label}: server peak memory (VmHWM)`, `${peakMemoryMb(server.process.pid!)} MB`, label === 'scale' ? '≪ 340 MB' : '');
      if (label === 'sample') {
        const paint = await firstKpiPaint(server.url, authHeader.Authorization!.slice('Bearer '.length));
        report('sample: script load to first <rm-kpi> figure painted, Chromium (median of 5)', `${paint.p50.toFixed(0)} ms`);
        const screen = await ingestToKpiPaint(server.url, authHeader.Authorization!.slice('Bearer '.length), dataDir);
        report('sample: ingest POST to new figure painted in an open dashboard, Chromium (p50 / max of 10)', `${screen.p50} ms / ${screen.max} ms`, '≤ 1 s');
        await benchLive(server);
        await budgetHttpLatency(server.url, authHeader, report, 'sample');
      }
    } finally {
      server.process.kill('SIGTERM');
    }
  }

  printTable();
}

function printTable() {
  console.log('\n| measure | value | target |\n|---|---|---|');
  for (const row of table) console.log(`| ${row.measure} | ${row.value} | ${row.target} |`);
}

async function benchLive(server: { url: string; process: ChildProcess }) {
  const live = await liveLatency(server.url, server.process.pid!, join(ROOT, 'data/sample'));
  for (const [what, run] of [['the latest day', live.latest], ['the first day', live.earliest]] as const) {
    const notices = `${(100 * run.noticeShare).toFixed(0)} % of events unchanged notices`;
    report(`sample: ingest-to-event (summary) p50 / p99, ${LIVE_CLIENTS} socket.io clients, a sales row of ${what} (${run.day})`, ms(run.summary), 'p99 ≤ 100 ms');
    report(`sample: ingest-to-last-event (every topic of the role) p50 / p99, ${LIVE_CLIENTS} clients, ${what} (${notices})`, ms(run.allTopics), 'p99 ≤ 100 ms');
  }
  report('sample: server memory per connected client (RSS growth)', `${live.kbPerClient.toFixed(0)} KB`);
}

/** Decision-engine recompute (fresh caches, warm code) at sample size and at scale; see bench/engine.ts. */
async function benchEngine(scaleDb: string) {
  console.error('engine recompute…');
  const sample = new Store(await openDatabase(':memory:'));
  await ingestPath(sample, join(ROOT, 'data/sample'));
  for (let i = 0; i < 3; i++) await engineRecompute(sample); // warms the code up, as a running server is
  const s = await engineRecompute(sample);
  sample.close();
  const scale = new Store(await openDatabase(scaleDb));
  const l = await engineRecompute(scale);
  scale.close();
  const parts = (e: EngineTiming) =>
    `${e.totalMs.toFixed(0)} ms (anomalies ${e.anomaliesMs.toFixed(0)}, health ${e.healthMs.toFixed(0)}, recommendations with model training ${e.recommendationsMs.toFixed(0)})`;
  report('sample: engine recompute, last 30 days', parts(s), '≤ 200 ms');
  report('scale: engine recompute, last 30 days', parts(l), '≤ 3 s');
  report('scale: engine memory (RSS growth / peak heap)', `${l.rssGrowthMb.toFixed(0)} MB / ${l.peakHeapMb.toFixed(0)} MB`);
  report('scale: anomalies over all 365 days', `${(l.fullHistoryMs / 1000).toFixed(1)} s`);
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
  // BENCH_SERVER_ARGS: node flags for the servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where their time goes.
  const nodeArgs = process.env['BENCH_SERVER_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'server/dist/index.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RM_DB_URL: dbPath, RM_DATA_DIR: dataDir, RM_JWT_SECRET: JWT_SECRET },
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
  for (let i = 0; i < 100; i++) await (await fetch(url, { headers: authHeader })).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: authHeader });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * Live updates: LIVE_CLIENTS socket.io clients (roles in turn) on the server, then two series of
 * LIVE_INGESTS one-row ingests (see `timeIngests`). Also the server's RSS growth per connected client.
 */
async function liveLatency(url: string, pid: number, dataDir: string) {
  const issuer = new TokenService(JWT_SECRET);
  const tokens = await Promise.all(ROLES.map(async (role) => (await issuer.issue(`bench-${role}`, role)).token));
  const rssBefore = residentKb(pid);
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < LIVE_CLIENTS; i++) {
    const role = ROLES[i % ROLES.length]!;
    const socket = io(url, { forceNew: true, transports: ['websocket'], auth: { token: tokens[i % tokens.length] } });
    sockets.push({ socket, topics: (Object.keys(LIVE_TOPICS) as LiveTopic[]).filter((t) => allows(LIVE_TOPICS[t], role)) });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }
  await new Promise((r) => setTimeout(r, 500));
  const kbPerClient = (residentKb(pid) - rssBefore) / LIVE_CLIENTS;

  // Existing sales rows, re-ingested with a new revenue each time (upserts: real changes). One of
  // the latest day, which every topic reads; one of the first day, which only some views show.
  const [header, ...lines] = readFileSync(join(dataDir, 'sales_daily.csv'), 'utf8').split('\n');
  const attributed = lines.filter((l) => /^\d{4}-\d\d-\d\d,[^,]+,/.test(l));
  const latest = await timeIngests(url, sockets, header!, attributed.at(-1)!);
  const earliest = await timeIngests(url, sockets, header!, attributed[0]!);
  for (const { socket } of sockets) socket.close();
  return { latest, earliest, kbPerClient };
}

type BenchSocket = { socket: Socket; topics: LiveTopic[] };

/**
 * Each of LIVE_INGESTS ingests of `row` (its revenue changed each time) is timed from the moment its
 * POST leaves (before the commit, so an upper bound on commit-to-event) to the moment each client
 * has its `summary`, and to the moment it has every topic its role receives: the payload, or the
 * notice that the view it holds is unchanged. Every event must carry the data version the ingest committed.
 */
async function timeIngests(url: string, sockets: BenchSocket[], header: string, row: string) {
  const cells = row.split(',');
  const summary: number[] = [];
  const allTopics: number[] = [];
  let events = 0;
  let notices = 0;
  for (let i = -LIVE_WARMUP; i < LIVE_INGESTS; i++) {
    cells[4] = (1000 + i).toFixed(2);
    const arrivals = sockets.map(({ socket, topics }) =>
      Promise.all(
        topics.map((topic) => new Promise<{ topic: LiveTopic; at: number; version: number; unchanged: boolean }>((resolve) =>
          socket.once(topic, (update: { dataVersion: number; unchanged?: true }) =>
            resolve({ topic, at: performance.now(), version: update.dataVersion, unchanged: update.unchanged === true }),
          ),
        )),
      ),
    );
    const start = performance.now();
    const res = await fetch(`${url}/api/ingest/sales_daily`, {
      method: 'POST',
      body: `${header}\n${cells.join(',')}\n`,
      headers: { 'content-type': 'text/csv', ...authHeader },
    });
    if (!res.ok) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    const { dataVersion } = (await res.json()) as { dataVersion: number };
    for (const updates of await Promise.all(arrivals)) {
      const stale = updates.find((u) => u.version !== dataVersion);
      if (stale) throw new Error(`a ${stale.topic} update carried data version ${stale.version}; the ingest committed ${dataVersion}`);
      if (i < 0) continue;
      summary.push(updates.find((u) => u.topic === 'summary')!.at - start);
      allTopics.push(Math.max(...updates.map((u) => u.at)) - start);
      events += updates.length;
      notices += updates.filter((u) => u.unchanged).length;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { day: cells[0]!, summary: percentiles(summary), allTopics: percentiles(allTopics), noticeShare: notices / events };
}

function residentKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
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
