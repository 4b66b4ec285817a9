import { consume } from '@lit/context';
import { Task, TaskStatus, type TaskConfig } from '@lit/task';
import type { RetailMindClient, Role } from '@retailmind/sdk';
import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientContext, settingsContext, type RmSettings } from '../context/contexts.js';
import { listAttribute, roleFromToken, standaloneClient } from '../context/standalone.js';
import { RmAuthExpiredEvent } from '../events/events.js';
import { formatter, type Formatter } from '../format/format.js';
import { baseStyles, themeStyles } from '../styles/tokens.js';
import { errorKind, errorState, NoClientError, skeleton, emptyState } from './states.js';

/** The element's settings with the provider's and its own attributes merged (its own win). */
export interface ResolvedSettings extends RmSettings {
  currency: string;
}

/**
 * What every RetailMind element shares: the data source (a `client` property, the nearest
 * `<rm-provider>`, or its own `api-base` and `token`), settings (its own attributes over the
 * provider's), number formatting, the four states (skeleton, error with Retry, empty, not available
 * for your role), live refresh through `client.subscribe`, and `rm-auth-expired` when a request or
 * the live subscription is refused for its credentials.
 *
 * @fires rm-auth-expired - A request or the live subscription was refused for its credentials (a 401,
 * or `getToken` failed): once per episode, until a request succeeds again or the client changes.
 */
export abstract class RmElement extends LitElement {
  static override styles = [baseStyles, themeStyles];

  /** Base URL of the engine API when used without `<rm-provider>` (e.g. `https://retailmind.example.com`). */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** Bearer token when used without `<rm-provider>`. */
  @property() token?: string;
  /** BCP 47 locale for numbers and dates; defaults to the provider's, else the browser's. */
  @property() locale?: string;
  /** ISO 4217 currency of money figures; defaults to the provider's, else `USD`. */
  @property() currency?: string;
  /** First day (`YYYY-MM-DD`); defaults to the provider's, else the server's default range. */
  @property() from?: string;
  /** Last day (`YYYY-MM-DD`). */
  @property() to?: string;
  /** `light` (default), `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';
  /** Turns live refresh off (it is on when the client supports `subscribe`). */
  @property({ type: Boolean, attribute: 'no-live' }) noLive = false;
  /** The SDK client to use, overriding the provider's (JS only). */
  @property({ attribute: false }) client?: RetailMindClient;

  /** @internal The provider's client (public only for the decorator's types). */
  @consume({ context: clientContext, subscribe: true })
  @state()
  _providedClient?: RetailMindClient;

  /** @internal The provider's settings. */
  @consume({ context: settingsContext, subscribe: true })
  @state()
  _providedSettings?: RmSettings;

  /** The live topic this element refreshes on, if any. */
  protected liveTopic?: string;
  /** The task whose data the element shows (rerun on Retry and on live updates); made with {@link dataTask}. */
  protected abstract readonly task: Task<readonly unknown[], unknown>;

  private unsubscribe: (() => void) | undefined;
  private subscribedTo: unknown;
  /** The client whose auth failure `rm-auth-expired` has announced, until a request succeeds again. */
  private authExpiredFor: object | undefined;
  /** Set just before a live refresh runs the task, and taken by that run: the data on screen then. */
  private refreshOf: { value: unknown } | undefined;

  /** The client the element reads from, or undefined when it has none. */
  protected get dataClient(): RetailMindClient | undefined {
    if (this.client) return this.client;
    if (this.apiBase !== undefined) return standaloneClient(this.apiBase, this.token);
    return this._providedClient;
  }

  /** Its own attributes over the provider's. */
  protected get settings(): ResolvedSettings {
    const p = this._providedSettings ?? {};
    return {
      ...p,
      role: (this.apiBase !== undefined ? roleFromToken(this.token) : undefined) ?? p.role,
      locale: this.locale ?? p.locale,
      currency: this.currency ?? p.currency ?? 'USD',
      from: this.from ?? p.from,
      to: this.to ?? p.to,
    };
  }

  protected get viewerRole(): Role | undefined {
    return this.settings.role;
  }

  protected get fmt(): Formatter {
    const s = this.settings;
    return formatter(s.locale, s.currency);
  }

  /** Throws NoClientError when there is no client, so the task's error state says what to do. */
  protected requireClient(client: RetailMindClient | undefined): RetailMindClient {
    if (!client) throw new NoClientError();
    return client;
  }

  /** The range and filter query of the summary-like routes. */
  protected rangeQuery(): { from?: string; to?: string; channel?: string[]; segment?: string[] } {
    const s = this.settings;
    return {
      ...(s.from ? { from: s.from } : {}),
      ...(s.to ? { to: s.to } : {}),
      ...(s.channel?.length ? { channel: s.channel } : {}),
      ...(s.segment?.length ? { segment: s.segment } : {}),
    };
  }

  /**
   * The element's data task: a `Task` whose requests go through {@link callApi}, so an auth failure
   * fires `rm-auth-expired`; when a live refresh is refused for auth, the data on screen stays.
   */
  protected dataTask<T extends readonly unknown[], R>(config: TaskConfig<T, R>): Task<T, R> {
    const load = config.task;
    return new Task<T, R>(this, {
      ...config,
      task: async (args, options) => {
        const refresh = this.refreshOf; // taken synchronously: Task.run calls this before its first await
        this.refreshOf = undefined;
        try {
          return await this.callApi(async () => load(args, options));
        } catch (error) {
          if (refresh && errorKind(error) === 'auth') return refresh.value as R;
          throw error;
        }
      },
    });
  }

  /**
   * Sends one request of the element (its data, or a user action's): an auth failure is reported with
   * `rm-auth-expired` and rethrown, so the caller keeps its own handling; a success ends the episode.
   */
  protected async callApi<T>(send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      this.authExpiredFor = undefined;
      return result;
    } catch (error) {
      this.reportAuthError(error);
      throw error;
    }
  }

  /**
   * Fires `rm-auth-expired` for an auth failure (401, `getToken` failed), once per episode: not again
   * for a retry or another request refused with the same client, until one succeeds. Returns whether
   * `error` was an auth failure.
   */
  protected reportAuthError(error: unknown): boolean {
    if (errorKind(error) !== 'auth') return false;
    const source = this.dataClient ?? this;
    if (this.authExpiredFor === source) return true;
    this.authExpiredFor = source;
    this.dispatchEvent(new RmAuthExpiredEvent({ error }));
    return true;
  }

  /** Renders the task in its states; `view` gets the data, `isEmpty` decides the empty state. */
  protected renderData<T>(
    what: string,
    view: (data: T) => TemplateResult | typeof import('lit').nothing,
    options: { isEmpty?: (data: T) => boolean; empty?: string; skeleton?: string[] } = {},
  ): unknown {
    const task = this.task as unknown as Task<readonly unknown[], T>;
    const ready = (data: T) => (options.isEmpty?.(data) ? emptyState(options.empty ?? `No ${what} for this period.`) : view(data));
    return task.render({
      initial: () => skeleton(what, options.skeleton),
      pending: () => (task.value !== undefined ? ready(task.value) : skeleton(what, options.skeleton)),
      complete: ready,
      error: (error) => errorState(error, what, () => void task.run()),
    });
  }

  /** The data state the host can style on: `loading`, `ready`, `empty`, `error`, `forbidden`. */
  protected get dataState(): string {
    const task = this.task;
    if (task.status === TaskStatus.ERROR) return errorKind(task.error) === 'forbidden' ? 'forbidden' : 'error';
    return task.value === undefined ? 'loading' : 'ready';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLive();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.noLive ? undefined : this.dataClient;
    // Subscribe once the data has loaded: not for a role the route refuses, nor before the first answer.
    const forbidden = this.task.status === TaskStatus.ERROR && errorKind(this.task.error) === 'forbidden';
    const loaded = !forbidden && (this.task.status === TaskStatus.COMPLETE || this.subscribedTo !== undefined);
    const key = client && this.liveTopic && loaded ? [client, this.liveTopic] : undefined;
    if (key?.[0] === (this.subscribedTo as unknown[] | undefined)?.[0] && key?.[1] === (this.subscribedTo as unknown[] | undefined)?.[1]) return;
    this.stopLive();
    if (!client || !this.liveTopic || typeof client.subscribe !== 'function') return;
    this.subscribedTo = key;
    let first = true;
    try {
      this.unsubscribe = client.subscribe(
        this.liveTopic as Parameters<RetailMindClient['subscribe']>[0],
        (_payload, meta) => {
          // The snapshot sent right after connecting repeats what the task has just loaded.
          const skip = first && meta.dataVersion === null;
          first = false;
          if (skip) return;
          this.refreshOf = this.task.status === TaskStatus.COMPLETE ? { value: this.task.value } : undefined;
          void this.task.run();
          this.refreshOf = undefined; // taken by the run above; never left for a later one
        },
        // Refused for its credentials: rm-auth-expired. Anything else (e.g. a snapshot refused for this
        // role) shows through the task's own request.
        (error) => void this.reportAuthError(error),
      );
    } catch {
      this.unsubscribe = undefined; // an SDK without this topic: no live refresh
    }
  }

  private stopLive() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
  }
}

export { listAttribute };
