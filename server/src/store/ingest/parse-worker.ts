import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { IngestFileError } from './errors.js';
import { parseCsv } from './parse.js';
import type { FromWorker, ToWorker, WorkerJob } from './parse-thread.js';

// Parses files off the main thread, one job at a time (see parse-thread.ts), at most `inFlight` batches ahead of the writes.
const port = parentPort!;
const jobs: WorkerJob[] = [];
let credits = 0;
let wake: (() => void) | null = null;
port.on('message', (m: ToWorker) => {
  if (m.type === 'job') jobs.push(m.job);
  else credits += 1;
  wake?.();
  wake = null;
});
const post = (message: FromWorker) => port.postMessage(message);
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
};

async function run(job: WorkerJob) {
  credits = job.inFlight;
  try {
    const campaigns = job.campaigns ? new Set(job.campaigns) : null;
    const batches = parseCsv(job.kind, createReadStream(job.path), { ...job.options, campaigns });
    for (;;) {
      const next = await batches.next();
      if (next.done) return post({ type: 'done', summary: next.value });
      await until(() => credits > 0);
      credits -= 1;
      post({ type: 'batch', batch: next.value });
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({
      type: 'error',
      error:
        e instanceof IngestFileError
          ? { fileError: true, status: e.status, code: e.code, message: e.message, details: e.details }
          : { fileError: false, message: e.message, code: (e as NodeJS.ErrnoException).code },
    });
  }
}

post({ type: 'ready' });
for (;;) {
  await until(() => jobs.length > 0);
  await run(jobs.shift()!);
}
