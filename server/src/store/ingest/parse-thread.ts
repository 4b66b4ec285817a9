import type { IngestKind } from '@retailmind/sdk/contract';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IngestFileError } from './errors.js';
import type { ParseOptions, ParsedBatch, ParseSummary } from './parse.js';

/** Batches parsed ahead of the writes: enough to keep both threads busy, few enough to bound memory. */
const IN_FLIGHT = 2;

export interface WorkerJob {
  kind: IngestKind;
  path: string;
  options: Omit<ParseOptions, 'campaigns'>;
  campaigns: string[] | null;
  inFlight: number;
}

type SentError =
  | { fileError: true; status: IngestFileError['status']; code: string; message: string; details: unknown }
  | { fileError: false; message: string; code: string | undefined };

export type ToWorker = { type: 'job'; job: WorkerJob } | { type: 'written' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'batch'; batch: ParsedBatch }
  | { type: 'done'; summary: ParseSummary }
  | { type: 'error'; error: SentError };

/** One parser thread per process, started on first use (starting one costs up to a second under tsx). */
let shared: Promise<Worker | null> | null = null;
/** The worker parses one file at a time. */
let turn: Promise<void> = Promise.resolve();

/**
 * `parseCsv` of a file on a worker thread, so parsing the next batches overlaps the main
 * thread's SQLite writes (the local driver writes synchronously on the main thread). The caller
 * asks for the next batch after writing one; that frees the worker to parse one more. Answers
 * null when no worker can be started: the caller then parses in its own thread.
 */
export async function parseInWorker(kind: IngestKind, path: string, options: ParseOptions): Promise<AsyncGenerator<ParsedBatch, ParseSummary> | null> {
  const previous = turn;
  let release!: () => void;
  turn = new Promise((resolve) => (release = resolve));
  await previous;
  const worker = await sharedWorker();
  if (!worker) {
    release();
    return null;
  }
  const job: WorkerJob = {
    kind,
    path,
    options: { file: options.file, batchSize: options.batchSize, maxListed: options.maxListed },
    campaigns: options.campaigns ? [...options.campaigns] : null,
    inFlight: IN_FLIGHT,
  };
  const queue: Array<FromWorker | Error> = [];
  let wake: (() => void) | null = null;
  const push = (m: FromWorker | Error) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  const onExit = () => push(new Error(`the parser of ${options.file} stopped before the end of the file`));
  worker.on('message', push).on('error', push).on('exit', onExit);
  // Referenced while it works for us, so the process waits for the rest of the file.
  worker.ref();
  worker.postMessage({ type: 'job', job } satisfies ToWorker);

  return (async function* () {
    let finished = false;
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const m = queue.shift()!;
        if (m instanceof Error) throw m;
        if (m.type === 'done' || m.type === 'error') finished = true;
        if (m.type === 'done') return m.summary;
        if (m.type === 'error') throw rebuild(m.error);
        if (m.type === 'batch') {
          yield m.batch;
          worker.postMessage({ type: 'written' } satisfies ToWorker);
        }
      }
    } finally {
      worker.off('message', push).off('error', push).off('exit', onExit);
      worker.unref();
      // Abandoned midway (a write failed, the worker died): the next file gets a fresh worker.
      if (!finished) {
        shared = null;
        void worker.terminate();
      }
      release();
    }
  })();
}

function sharedWorker(): Promise<Worker | null> {
  return (shared ??= new Promise((resolve) => {
    const worker = startWorker();
    if (!worker) return resolve(null);
    worker.unref();
    // Failing before it is ready means it cannot load here (it stays null: this process parses in-thread).
    worker.once('message', () => resolve(worker));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  }));
}

/** The worker module beside this one: compiled JavaScript, or TypeScript through tsx when running from sources (tsx, vitest). */
function startWorker(): Worker | null {
  const url = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (url.pathname.endsWith('.js')) return new Worker(url);
  // Node 20 does not apply a loader registered by --import to a worker's entry module, so the worker registers tsx itself.
  let api: string;
  try {
    // The ESM build of tsx's API, found through its package exports (require.resolve would pick the CommonJS one).
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('tsx/package.json');
    const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
    api = new URL(exports['./esm/api']!.import.default, pathToFileURL(manifest)).href;
  } catch {
    return null;
  }
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true });
}

function rebuild(e: SentError): Error {
  if (e.fileError) return new IngestFileError(e.status, e.code, e.message, e.details);
  return Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
}
