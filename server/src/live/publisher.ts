import { LIVE_TOPICS, ROLES, type LiveTopic, type LiveUpdate, type Role } from '@retailmind/sdk/contract';
import { viewAs } from '../auth/views.js';
import type { Store } from '../store/store.js';
import { roomOf } from './rooms.js';
import type { LiveServer } from './server.js';
import { TOPICS, type TopicContext, type TopicRegistry } from './topics.js';

export interface PublisherOptions {
  /**
   * How often to look for data versions this process did not commit (the ingest CLI, another
   * instance without redis), in ms; 0 turns it off. Local ingests publish at once regardless.
   */
  watchMs: number;
  /** Tell the other instances which version was published (needs an adapter that spans instances, e.g. redis). */
  shareVersions: boolean;
  logError: (err: unknown) => void;
}

/**
 * Recomputes every topic once per burst of data changes and emits it to each role's room,
 * filtered for that role. Bursts coalesce: changes that arrive while a run is pending or under way
 * cause exactly one more run, which sees all of them.
 */
export class LivePublisher {
  private scheduled = false;
  private running = false;
  private dirty = false;
  private published = 0;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: LiveServer,
    private readonly store: Store,
    private readonly context: TopicContext,
    private readonly options: PublisherOptions,
    private readonly topics: TopicRegistry = TOPICS,
  ) {}

  async start(): Promise<void> {
    this.published = await this.store.dataVersion();
    this.unsubscribe = this.store.onDataChanged(() => this.schedule());
    // Another instance published a version: its clients and ours (through the adapter) have it.
    this.io.on('published', (version) => {
      this.published = Math.max(this.published, version);
    });
    if (this.options.watchMs > 0) {
      this.watchTimer = setInterval(() => void this.watch(), this.options.watchMs);
      this.watchTimer.unref();
    }
  }

  /** Resolves once no run is pending or under way (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.scheduled || this.running) await this.idle;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.watchTimer) clearInterval(this.watchTimer);
  }

  private schedule() {
    if (this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    // One tick's worth of changes (e.g. the batches of one ingest) make one run.
    this.idle = new Promise<void>((resolve) => setImmediate(() => void this.run().finally(resolve)));
  }

  private async run() {
    this.scheduled = false;
    this.running = true;
    try {
      const version = await this.store.dataVersion();
      // The summary, which every dashboard shows, goes out first; the engine topics then share its
      // anomaly pass from the engine's cache and go out each as soon as it is computed. Started
      // together, their CPU work (the model's training) would hold the summary back.
      const [first, ...rest] = (Object.keys(this.topics) as LiveTopic[]).sort((a, b) => Number(b === 'summary') - Number(a === 'summary'));
      if (first) await this.publish(first, version);
      await Promise.all(rest.map((topic) => this.publish(topic, version)));
      this.published = Math.max(this.published, version);
      if (this.options.shareVersions) this.io.serverSideEmit('published', version);
    } catch (err) {
      this.options.logError(err);
    } finally {
      this.running = false;
    }
    if (this.dirty) {
      this.dirty = false;
      this.schedule();
    }
  }

  private async publish<T extends LiveTopic>(topic: T, dataVersion: number) {
    let payload;
    try {
      payload = await this.topics[topic](this.context);
    } catch (err) {
      this.options.logError(err); // one failing topic must not hold back the others
      return;
    }
    // Roles that get the very same view share one emit, so the payload is serialised once.
    const byView = new Map<unknown, Role[]>();
    for (const role of ROLES) {
      const view = viewAs(LIVE_TOPICS[topic], role, payload);
      if (view !== null) byView.set(view, [...(byView.get(view) ?? []), role]);
    }
    for (const [view, roles] of byView) {
      const update = { topic, dataVersion, payload: view } as LiveUpdate<T>;
      (this.io.to(roles.map(roomOf)).emit as (event: string, update: LiveUpdate<T>) => boolean)(topic, update);
    }
  }

  private async watch() {
    if (this.running || this.scheduled) return;
    try {
      if ((await this.store.dataVersion()) > this.published) this.schedule();
    } catch (err) {
      this.options.logError(err);
    }
  }
}
