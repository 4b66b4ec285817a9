/**
 * The socket.io contract of live updates: topic names, their payloads and the four event maps
 * both ends are typed with. Zod-free (types only, plus one constant) so the browser client can import it.
 */
import type { z } from 'zod';
import type { Role } from './auth.js';
import type { RouteName } from './paths.js';
import type { ROUTES } from './routes.js';

/**
 * Each topic and the REST route whose answer without parameters is the topic's snapshot.
 * The server pushes that answer, as the receiving role may see it, after every committed ingest;
 * a client refetches it from the route after a reconnect. Adding a topic is one line here and one
 * in the server's topic registry (`server/src/live/topics.ts`).
 */
export const LIVE_TOPICS = {
  summary: 'dashboardSummary',
  anomalies: 'anomalies',
  health: 'campaignHealth',
  recommendations: 'recommendations',
} as const satisfies Record<string, RouteName>;
export type LiveTopic = keyof typeof LIVE_TOPICS;

/** What a topic carries: exactly its route's response type. */
export type LivePayload<T extends LiveTopic> = z.output<(typeof ROUTES)[(typeof LIVE_TOPICS)[T]]['response']>;

export interface LiveUpdate<T extends LiveTopic = LiveTopic> {
  topic: T;
  /** The data version the payload was computed at; a client drops an update older than what it holds. */
  dataVersion: number;
  payload: LivePayload<T>;
}

/**
 * Sent instead of an update when the role's view of the topic is exactly what the server sent it
 * last: the client's copy is current as of `dataVersion` (an ingest that left the topic alone, such as
 * a budget upload for the engine topics), and no payload is sent again.
 */
export interface LiveUnchanged<T extends LiveTopic = LiveTopic> {
  topic: T;
  dataVersion: number;
  unchanged: true;
}

/** Why the server ends a session; sent just before it disconnects the socket. */
export interface SessionEnded {
  code: 'token_expired';
  message: string;
}

/** Events the server sends: one per topic, plus the end of a session. */
export type ServerToClientEvents = { [T in LiveTopic]: (update: LiveUpdate<T> | LiveUnchanged<T>) => void } & {
  'session-ended': (info: SessionEnded) => void;
};

/** Clients send nothing: which rooms a socket is in is decided by the server from its token's role. */
export type ClientToServerEvents = Record<never, never>;

/** Between server instances (through the redis adapter): the data version an instance has published. */
export interface InterServerEvents {
  published: (dataVersion: number) => void;
}

/** What the server keeps on each socket, from its verified token. */
export interface LiveSocketData {
  sub: string;
  role: Role;
  /** Token expiry, seconds since the epoch. */
  exp: number;
}

/** The handshake's `auth` payload: `io(url, { auth: { token } })`. */
export interface LiveHandshakeAuth {
  token: string;
}

/** The client's view of its live connection. */
export type ConnectionState = 'connecting' | 'live' | 'offline';
