import { Hono } from 'hono';
import { ROUTES } from '@retailmind/sdk/contract';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppConfig } from '../app.js';
import { ApiError } from '../http/errors.js';
import { validate } from '../http/validate.js';
import { IngestFileError } from '../store/ingest/errors.js';
import type { Store } from '../store/store.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

export const ingestRoutes = (store: Store, config: Pick<AppConfig, 'maxIngestBytes'>) =>
  new Hono().post(ROUTES.ingest.path, validate('param', ROUTES.ingest.params), async (c) => {
    const { kind } = c.req.valid('param');
    const type = (c.req.header('content-type') ?? 'text/csv').split(';')[0]!.trim().toLowerCase();
    if (!CSV_TYPES.includes(type))
      throw new ApiError(415, 'unsupported_media_type', `send the file as text/csv, not ${type}`);
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > config.maxIngestBytes) throw tooLarge(config.maxIngestBytes);
    const body = c.req.raw.body;
    if (!body) throw new ApiError(400, 'empty_file', `${kind}.csv is empty: expected a header row`);

    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>).pipe(byteLimit(config.maxIngestBytes));
    try {
      const result = await store.ingest(kind, source);
      if (result.rowsRead > 0 && result.rowsStored === 0)
        throw new ApiError(422, 'no_valid_rows', `none of the ${result.rowsRead} rows of ${result.file} is valid`, result);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof IngestFileError) throw new ApiError(err.status, err.code, err.message, err.details);
      throw err;
    }
  });

function tooLarge(limit: number) {
  return new ApiError(413, 'payload_too_large', `the file is larger than the ${limit}-byte limit; split it or raise RM_MAX_INGEST_BYTES`, {
    limitBytes: limit,
  });
}

/** Fails the stream once more than `limit` bytes have passed, whatever the request claimed. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new IngestFileError(413, 'payload_too_large', tooLarge(limit).message, { limitBytes: limit }));
      else done(null, chunk);
    },
  });
}
