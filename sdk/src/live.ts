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
  type LiveUnchanged,
  type LiveUpdate,
  type ServerToClientEvents,
} from './contract/live.js';
import { AuthenticationError } from './errors.js';
import { tokenExpiryMs, type TokenKeeper } from './token.js';

/** Called with each new payload of a topic: its snapshot on (re)connection, then every update pushed. */
export type LiveHandler<T extends LiveTopic> = (payload: LivePayload<T>, meta: { dataVersion: number | null }) => void;

/** Live methods of the client. */
export interface LiveClient {
  /**
   * Receives `topic`: once connected, the handler gets the topic's current snapshot (from its REST
   * route), then every update the server pushes that is newer than the last one it got (a data
   * version seen already is not delivered twice); after a reconnect it gets a fresh snapshot, so no
   * change is missed while offline. With a `getToken`, the session is renewed shortly before the
   * token expires (a second connection with a fresh token takes over once live): the state stays
   * `live` and nothing is refetched. Returns the function that ends the subscription.
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
  /** Data version of the last update delivered; older or equal ones arriving later are dropped. */
  version: number;
  /** Bumped by each pushed update, so a snapshot fetched meanwhile (maybe older) is dropped. */
  pushes: number;
}

/** Codes with which the server refuses a handshake because of the token (see server/src/live/server.ts). */
const TOKEN_REFUSALS = new Set(['unauthenticated', 'invalid_token', 'token_expired']);
/**
 * With a `getToken`, a session is renewed before the server ends it at its token's `exp`: this
 * share of the token's life left at the handshake before `exp`, at most `RENEWAL_LEAD_MAX_MS`.
 */
const RENEWAL_LEAD_SHARE = 0.1;
const RENEWAL_LEAD_MAX_MS = 60_000;
/** How long a replaced connection stays open after its successor is live, so updates it had in flight still arrive. */
const HANDOVER_GRACE_MS = 1_000;
/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

type Io = typeof import('socket.io-client').io;

export function createLive(options: LiveOptions): LiveClient {
  const topics = new Map<LiveTopic, TopicState>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'offline';
  let io: Io | null = null;
  let loading: Promise<void> | null = null;
  /** The connection in use: its state is the client's, its (re)connections refetch snapshots. */
  let socket: LiveSocket | null = null;
  /** A connection with a fresh token, made while `socket` is still live, to take over from it. */
  let successor: LiveSocket | null = null;
  /** Connections replaced by their successor, closed after `HANDOVER_GRACE_MS`. */
  const retiring = new Map<LiveSocket, ReturnType<typeof setTimeout>>();
  /** The token each connection presented at its last handshake. */
  const handshakeTokens = new WeakMap<LiveSocket, string | null>();
  let renewalTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshedOnce = false;
  let tokenError: unknown = null;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };
  const sockets = () => [socket, successor, ...retiring.keys()].filter((s): s is LiveSocket => s !== null);

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
    (s.on as (event: string, listener: (update: LiveUpdate | LiveUnchanged) => void) => void)(topic, (update) => {
      const entry = topics.get(topic);
      // Not newer than what the client holds: a late one, or the same version again (two instances'
      // watches publishing one commit, or both connections of a handover hearing one push).
      if (!entry || update.dataVersion <= entry.version) return;
      entry.version = update.dataVersion;
      // What the server sent last is still current: nothing to deliver. A snapshot being fetched
      // (after a reconnect, when that last send may have been missed) still applies.
      if ('unchanged' in update) return;
      entry.pushes += 1;
      deliver(topic, update.payload, update.dataVersion);
    });
  }

  function connect(ioFn: Io): LiveSocket {
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
            handshakeTokens.set(s, token);
            tokenError = null;
            cb({ token: token ?? '' });
          },
          (error: unknown) => {
            tokenError = error; // getToken failed: the server will refuse, and this is why
            handshakeTokens.set(s, null);
            cb({ token: '' });
          },
        );
      },
    } satisfies Parameters<Io>[1];
    const s: LiveSocket = origin ? ioFn(origin, socketOptions) : ioFn(socketOptions);
    s.on('connect', () => onConnect(s));
    s.on('disconnect', (reason) => onDisconnect(s, reason));
    s.on('connect_error', (error: Error & { data?: { code?: string } }) => onConnectError(s, error));
    s.io.on('reconnect_attempt', () => {
      if (s === socket) setState('connecting');
    });
    for (const topic of topics.keys()) listen(s, topic);
    return s;
  }

  function onConnect(s: LiveSocket) {
    if (s === successor) {
      // Handover: the previous connection stayed live until now (had it dropped, `s` would have
      // become the connection in use instead), so between them they heard every update: nothing to refetch.
      const previous = socket;
      successor = null;
      socket = s;
      if (previous) retire(previous);
    } else if (s === socket) {
      for (const topic of topics.keys()) fetchSnapshot(topic);
    } else {
      return;
    }
    refreshedOnce = false;
    setState('live');
    scheduleRenewal(s);
  }

  function onDisconnect(s: LiveSocket, reason: string) {
    if (s === successor) return abandonHandover();
    if (s !== socket) return;
    clearTimeout(renewalTimer);
    if (successor) {
      // Dropped (or ended at its token's expiry) before the successor connected: the successor
      // becomes the connection in use, and its connection counts as a reconnection (snapshots refetched).
      socket = successor;
      successor = null;
      s.disconnect(); // no reconnection of its own
      return setState('connecting');
    }
    setState('offline');
    // The server ended the session (its token expired): socket.io does not retry that by itself.
    if (reason === 'io server disconnect') reconnectSoon(s);
  }

  function onConnectError(s: LiveSocket, error: Error & { data?: { code?: string } }) {
    // A failed handover: the connection in use carries on, and if it is ended at its token's
    // expiry, its reconnection asks for a token again (and reports a failure then).
    if (s === successor) return abandonHandover();
    if (s !== socket) return;
    setState('offline');
    if (s.active) return; // a network failure: the manager retries with backoff
    // Refused by the server: retry once with a new token if the token was the reason and one can be had.
    const code = error.data?.code ?? '';
    if (!TOKEN_REFUSALS.has(code)) return;
    const refused = tokenError ?? new AuthenticationError(401, { error: { code, message: error.message } });
    if (!options.tokens.canRefresh || refreshedOnce || tokenError) return fail(refused);
    refreshedOnce = true;
    options.tokens.refresh(handshakeTokens.get(s) ?? null).then(() => reconnectSoon(s), fail);
  }

  function reconnectSoon(s: LiveSocket) {
    if (socket !== s) return;
    setState('connecting');
    s.connect();
  }

  /**
   * With a `getToken`, plans the renewal of `s`'s session shortly before its token expires: a second
   * connection with a fresh token takes over once live, so the state stays `live` throughout.
   */
  function scheduleRenewal(s: LiveSocket) {
    clearTimeout(renewalTimer);
    const token = handshakeTokens.get(s);
    const exp = token ? tokenExpiryMs(token) : undefined;
    if (!options.tokens.canRefresh || exp === undefined) return;
    const left = exp - Date.now();
    if (left <= 0) return;
    const lead = Math.min(RENEWAL_LEAD_MAX_MS, left * RENEWAL_LEAD_SHARE);
    renewalTimer = setTimeout(() => void renew(s, exp), Math.min(MAX_TIMER_MS, left - lead));
  }

  async function renew(s: LiveSocket, exp: number) {
    const current = () => s === socket && s.connected && successor === null && io !== null;
    if (!current()) return;
    let token: string | null;
    try {
      token = await options.tokens.refresh(handshakeTokens.get(s) ?? null);
    } catch {
      return; // no token to be had now: the session ends at `exp`, and the reconnection reports why
    }
    const next = token ? tokenExpiryMs(token) : undefined;
    // Only a token that outlives this one is worth a handover (else the session ends as usual).
    if (!current() || next === undefined || next <= exp) return;
    successor = connect(io!);
  }

  function abandonHandover() {
    const s = successor;
    successor = null;
    s?.disconnect();
  }

  function retire(s: LiveSocket) {
    s.io.reconnection(false);
    retiring.set(
      s,
      setTimeout(() => {
        retiring.delete(s);
        s.disconnect();
      }, HANDOVER_GRACE_MS),
    );
  }

  function ensureSocket() {
    if (socket || loading) return;
    setState('connecting');
    loading = import('socket.io-client').then(
      (module) => {
        loading = null;
        io = module.io;
        if (topics.size === 0 || socket) return; // unsubscribed while loading
        socket = connect(io);
      },
      () => {
        loading = null;
        setState('offline');
      },
    );
  }

  function close() {
    clearTimeout(renewalTimer);
    for (const timer of retiring.values()) clearTimeout(timer);
    const open = sockets();
    socket = successor = null; // first, so their handlers ignore the disconnections below
    retiring.clear();
    for (const s of open) s.disconnect();
    setState('offline');
  }

  return {
    subscribe(topic, handler, onError) {
      if (!(topic in LIVE_TOPICS)) throw new TypeError(`subscribe: unknown topic ${JSON.stringify(topic)}`);
      let entry = topics.get(topic);
      if (!entry) {
        entry = { handlers: new Map(), version: -1, pushes: 0 };
        topics.set(topic, entry);
        for (const s of sockets()) listen(s, topic);
      }
      const h = handler as AnyHandler;
      entry.handlers.set(h, onError);
      if (socket?.connected) fetchSnapshot(topic);
      ensureSocket();
      return () => {
        const current = topics.get(topic);
        if (!current?.handlers.delete(h) || current.handlers.size > 0) return;
        topics.delete(topic);
        for (const s of sockets()) s.off(topic);
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
