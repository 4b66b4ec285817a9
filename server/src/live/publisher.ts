import { LIVE_TOPICS, ROLES, type LiveTopic, type LiveUnchanged, type LiveUpdate, type Role } from '@retailmind/sdk/contract';
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
  /** The JSON last sent of each topic to each role's room, to tell a changed view from one that is not. */
  private readonly lastSent = new Map<string, string>();
  /**
   * One after another, the summary (which every dashboard shows) first: the engine topics then
   * share its anomaly pass from the engine's cache. Computed together, their CPU work (the
   * model's training) would hold the cheap ones back.
   */
  private readonly order: LiveTopic[];

  constructor(
    private readonly io: LiveServer,
    private readonly store: Store,
    private readonly context: TopicContext,
    private readonly options: PublisherOptions,
    private readonly topics: TopicRegistry = TOPICS,
  ) {
    this.order = (Object.keys(topics) as LiveTopic[]).sort((a, b) => Number(b === 'summary') - Number(a === 'summary'));
  }

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
      for (const topic of this.order) {
        const version = await this.publish(topic);
        if (version !== null) this.published = Math.max(this.published, version);
        // Give the sockets their turn: a write completes in a process tick, and ticks wait while
        // promise continuations keep coming, so without it this topic would sit in every socket's
        // buffer until the next ones were computed too.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (this.options.shareVersions) this.io.serverSideEmit('published', this.published);
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

  /**
   * Computes a topic and emits it, tagged with the data version it was computed at. A commit
   * during the computation may have mixed two versions into it, so then it is dropped and one more
   * run follows, which sends the newer version. Returns the version sent, or null.
   */
  private async publish<T extends LiveTopic>(topic: T): Promise<number | null> {
    let payload;
    let dataVersion;
    try {
      dataVersion = await this.store.dataVersion();
      payload = await this.topics[topic](this.context);
      if ((await this.store.dataVersion()) !== dataVersion) {
        this.dirty = true;
        return null;
      }
    } catch (err) {
      this.options.logError(err); // one failing topic must not hold back the others
      return null;
    }
    // Each role's view against the one this process sent its room last. A view the room still holds
    // goes out as a few bytes saying it is current as of this version; not with other instances
    // publishing, whose sends this one cannot see. Roles with the very same new view share one emit.
    const json = new Map<unknown, string>();
    const changed = new Map<unknown, Role[]>();
    const current: Role[] = [];
    for (const role of ROLES) {
      const view = viewAs(LIVE_TOPICS[topic], role, payload);
      if (view === null) continue;
      if (!this.options.shareVersions) {
        let text = json.get(view);
        if (text === undefined) json.set(view, (text = JSON.stringify(view)));
        const key = `${topic}|${role}`;
        const unchanged = this.lastSent.get(key) === text;
        this.lastSent.set(key, text);
        if (unchanged) {
          current.push(role);
          continue;
        }
      }
      changed.set(view, [...(changed.get(view) ?? []), role]);
    }
    const emit = (rooms: string[], update: LiveUpdate<T> | LiveUnchanged<T>) =>
      (this.io.to(rooms).emit as (event: string, update: LiveUpdate<T> | LiveUnchanged<T>) => boolean)(topic, update);
    if (current.length > 0) emit(current.map(roomOf), { topic, dataVersion, unchanged: true });
    for (const [view, roles] of changed) emit(roles.map(roomOf), { topic, dataVersion, payload: view as LiveUpdate<T>['payload'] });
    return dataVersion;
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
