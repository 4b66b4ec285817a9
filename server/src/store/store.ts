import type { Client } from '@libsql/client';
import type { IngestKind, IngestResponse } from '@retailmind/sdk/contract';
import { ingestCsv, readDataVersion, type CsvSource, type IngestOptions } from './ingest/ingest.js';
import { hasPendingRollups, rebuildPendingRollups } from './rollups.js';
import { dimensions, type Dimensions } from './queries.js';

export interface DataChanged {
  kind: IngestKind;
  dataVersion: number;
  rowsStored: number;
}

/**
 * The one way in and out of the database. Writes go through `ingest` only: it serialises
 * ingests (each batch reads then writes rollups, so two at once could interleave), and it
 * alone bumps the data version and announces `data-changed`.
 */
export class Store {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(change: DataChanged) => void>();
  private dimensionsCache: { version: number; value: Dimensions } | null = null;

  constructor(readonly db: Client) {}

  /** Ingests one file: a load of one. */
  async ingest(kind: IngestKind, source: CsvSource, options?: IngestOptions): Promise<IngestResponse> {
    const [result] = await this.ingestFiles([{ kind, open: () => source, ...(options ? { options } : {}) }]);
    return result!;
  }

  /**
   * Ingests several files as one load (a directory, in contract order): each file's rows are
   * stored as they stream, and the rollups of the days they touched are rebuilt once at the end,
   * also when a file fails midway, so what was stored is always in the rollups.
   */
  ingestFiles(
    files: Array<{ kind: IngestKind; open: () => CsvSource; options?: IngestOptions }>,
  ): Promise<IngestResponse[]> {
    const run = this.writeQueue.then(async () => {
      const results: IngestResponse[] = [];
      try {
        for (const file of files) results.push(await ingestCsv(this.db, file.kind, file.open(), file.options));
      } finally {
        if (await hasPendingRollups(this.db)) {
          await rebuildPendingRollups(this.db);
          const dataVersion = await readDataVersion(this.db);
          for (const r of results) r.dataVersion = dataVersion;
        }
      }
      return results;
    });
    this.writeQueue = run.catch(() => undefined);
    return run.then((results) => {
      for (const r of results)
        if (r.rowsStored > 0) this.emit({ kind: r.kind, dataVersion: r.dataVersion, rowsStored: r.rowsStored });
      return results;
    });
  }

  onDataChanged(listener: (change: DataChanged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dataVersion(): Promise<number> {
    return readDataVersion(this.db);
  }

  /** Channels, segments, campaigns and date span; cached until the data version moves. */
  async dimensions(): Promise<Dimensions & { dataVersion: number }> {
    const version = await this.dataVersion();
    if (this.dimensionsCache?.version !== version) {
      this.dimensionsCache = { version, value: await dimensions(this.db) };
    }
    return { ...this.dimensionsCache.value, dataVersion: version };
  }

  async isEmpty(): Promise<boolean> {
    const result = await this.db.execute('SELECT EXISTS (SELECT 1 FROM campaigns) AS any');
    return Number(result.rows[0]?.['any'] ?? 0) === 0;
  }

  close(): void {
    this.db.close();
  }

  private emit(change: DataChanged) {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing subscriber must not fail the ingest that already committed.
      }
    }
  }
}
