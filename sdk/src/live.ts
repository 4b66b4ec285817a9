/**
 * Live updates over socket.io: `subscribe(topic, handler)` and the connection state.
 * socket.io-client is loaded on the first subscription only, so a client that never subscribes
 * never loads it. Zod-free and DOM-free (works in Node and in browsers).
 */
import type { Socket } from 'socket.io-client';
import {
  LIVE_TOPICS,
  type ClientToServerEvents,
  type ConnectionState,
  type LivePayload,
  type LiveTopic,
  type LiveUpdate,
  type ServerToClientEvents,
} from './contract/live.js';
import { AuthenticationError } from './errors.js';
import type { TokenKeeper } from './token.js';

/** Called with each new payload of a topic: its snapshot on (re)connection, then every update pushed. */
export type LiveHandler<T extends LiveTopic> = (payload: LivePayload<T>, meta: { dataVersion: number | null }) => void;

/** Live methods of the client. */
export interface LiveClient {
  /**
   * Receives `topic`: once connected, the handler gets the topic's current snapshot (from its REST
   * route), then every update the server pushes; after a reconnect it gets a fresh snapshot, so no
   * change is missed while offline. Returns the function that ends the subscription.
   * `onError` hears failures of the snapshot fetch (e.g. a role the topic is not for) and an
   * `AuthenticationError` when the connection is refused for its token and no new one can be had.
   */
  subscribe<T extends LiveTopic>(topic: T, handler: LiveHandler<T>, onError?: (error: unknown) => void): () => void;
  /** The live connection's state now: `offline` until the first subscription. */
  readonly connectionState: ConnectionState;
  /** Calls `listener` with every change of the connection state; returns the function that stops it. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  /** Ends every subscription and closes the connection. */
  closeLive(): void;
}

export interface LiveOptions {
  baseUrl: string;
  tokens: TokenKeeper;
  /** Fetches a topic's snapshot from its REST route. */
  snapshot: (topic: LiveTopic) => Promise<unknown>;
  /** Reconnection backoff: first delay and cap, in ms (socket.io adds ±50 % jitter). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type AnyHandler = (payload: unknown, meta: { dataVersion: number | null }) => void;
interface TopicState {
  handlers: Map<AnyHandler, ((error: unknown) => void) | undefined>;
  /** Data version of the last update delivered; older ones arriving late are dropped. */
  version: number;
  /** Bumped by each pushed update, so a snapshot fetched meanwhile (maybe older) is dropped. */
  pushes: number;
}

/** Codes with which the server refuses a handshake because of the token (see server/src/live/server.ts). */
const TOKEN_REFUSALS = new Set(['unauthenticated', 'invalid_token', 'token_expired']);

export function createLive(options: LiveOptions): LiveClient {
  const topics = new Map<LiveTopic, TopicState>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'offline';
  let socket: LiveSocket | null = null;
  let opening: Promise<LiveSocket> | null = null;
  let lastToken: string | null = null;
  let refreshedOnce = false;
  let tokenError: unknown = null;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  function deliver(topic: LiveTopic, payload: unknown, dataVersion: number | null) {
    const entry = topics.get(topic);
    if (!entry) return;
    for (const handler of entry.handlers.keys()) handler(payload, { dataVersion });
  }

  function fetchSnapshot(topic: LiveTopic) {
    const entry = topics.get(topic);
    if (!entry) return;
    const pushesBefore = entry.pushes;
    options.snapshot(topic).then(
      (payload) => {
        if (topics.get(topic) === entry && entry.pushes === pushesBefore) deliver(topic, payload, null);
      },
      (error: unknown) => {
        for (const onError of entry.handlers.values()) onError?.(error);
      },
    );
  }

  function fail(error: unknown) {
    for (const entry of topics.values()) for (const onError of entry.handlers.values()) onError?.(error);
  }

  function listen(s: LiveSocket, topic: LiveTopic) {
    (s.on as (event: string, listener: (update: LiveUpdate) => void) => void)(topic, (update) => {
      const entry = topics.get(topic);
      if (!entry || update.dataVersion < entry.version) return;
      entry.version = update.dataVersion;
      entry.pushes += 1;
      deliver(topic, update.payload, update.dataVersion);
    });
  }

  async function open(): Promise<LiveSocket> {
    const { io } = await import('socket.io-client');
    const { origin, path } = endpoint(options.baseUrl);
    const socketOptions = {
      path,
      forceNew: true,
      reconnectionDelay: options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: options.reconnectDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
      // Called on every (re)connection, so a reconnect presents a fresh token.
      auth: (cb) => {
        options.tokens.current().then(
          (token) => {
            lastToken = token;
            tokenError = null;
            cb({ token: token ?? '' });
          },
          (error: unknown) => {
            tokenError = error; // getToken failed: the server will refuse, and this is why
            cb({ token: '' });
          },
        );
      },
    } satisfies Parameters<typeof io>[1];
    const s: LiveSocket = origin ? io(origin, socketOptions) : io(socketOptions);
    s.on('connect', () => {
      refreshedOnce = false;
      setState('live');
      for (const topic of topics.keys()) fetchSnapshot(topic);
    });
    s.on('disconnect', (reason) => {
      setState('offline');
      // The server ended the session (its token expired): socket.io does not retry that by itself.
      if (reason === 'io server disconnect') reconnectSoon(s);
    });
    s.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      setState('offline');
      if (s.active) return; // a network failure: the manager retries with backoff
      // Refused by the server: retry once with a new token if the token was the reason and one can be had.
      const code = error.data?.code ?? '';
      if (!TOKEN_REFUSALS.has(code)) return;
      const refused = tokenError ?? new AuthenticationError(401, { error: { code, message: error.message } });
      if (!options.tokens.canRefresh || refreshedOnce || tokenError) return fail(refused);
      refreshedOnce = true;
      options.tokens.refresh(lastToken).then(() => reconnectSoon(s), fail);
    });
    s.io.on('reconnect_attempt', () => setState('connecting'));
    for (const topic of topics.keys()) listen(s, topic);
    setState('connecting');
    return s;
  }

  function reconnectSoon(s: LiveSocket) {
    if (socket !== s) return;
    setState('connecting');
    s.connect();
  }

  function ensureSocket() {
    if (socket || opening) return;
    setState('connecting');
    opening = open();
    opening.then(
      (s) => {
        opening = null;
        if (topics.size === 0) return void s.disconnect(); // unsubscribed while loading
        socket = s;
      },
      () => {
        opening = null;
        setState('offline');
      },
    );
  }

  function close() {
    socket?.disconnect();
    socket = null;
    setState('offline');
  }

  return {
    subscribe(topic, handler, onError) {
      if (!(topic in LIVE_TOPICS)) throw new TypeError(`subscribe: unknown topic ${JSON.stringify(topic)}`);
      let entry = topics.get(topic);
      if (!entry) {
        entry = { handlers: new Map(), version: -1, pushes: 0 };
        topics.set(topic, entry);
        if (socket) listen(socket, topic);
      }
      const h = handler as AnyHandler;
      entry.handlers.set(h, onError);
      if (socket?.connected) fetchSnapshot(topic);
      ensureSocket();
      return () => {
        const current = topics.get(topic);
        if (!current?.handlers.delete(h) || current.handlers.size > 0) return;
        topics.delete(topic);
        socket?.off(topic);
        if (topics.size === 0) close();
      };
    },
    get connectionState() {
      return state;
    },
    onConnectionState(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    closeLive() {
      topics.clear();
      close();
    },
  };
}

/** Where socket.io lives for a `baseUrl`: its origin (none for a relative base: same origin) and path. */
function endpoint(baseUrl: string): { origin: string | undefined; path: string } {
  const absolute = /^(https?):\/\/[^/]+/i.exec(baseUrl);
  const prefix = (absolute ? baseUrl.slice(absolute[0].length) : baseUrl).replace(/\/+$/, '');
  return { origin: absolute?.[0], path: `${prefix}/socket.io` };
}
