import type { Client } from '@libsql/client';
import type { IngestKind, IngestResponse } from '@retailmind/sdk/contract';
import { ingestCsv, readDataVersion, type CsvSource, type IngestOptions } from './ingest/ingest.js';
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

  ingest(kind: IngestKind, source: CsvSource, options?: IngestOptions): Promise<IngestResponse> {
    const run = this.writeQueue.then(() => ingestCsv(this.db, kind, source, options));
    this.writeQueue = run.catch(() => undefined);
    return run.then((result) => {
      if (result.rowsStored > 0) this.emit({ kind, dataVersion: result.dataVersion, rowsStored: result.rowsStored });
      return result;
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
