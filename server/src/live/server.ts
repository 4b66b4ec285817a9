import type {
  ClientToServerEvents,
  InterServerEvents,
  LiveSocketData,
  ServerToClientEvents,
} from '@retailmind/sdk/contract';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { ApiError } from '../http/errors.js';
import type { TokenService } from '../auth/tokens.js';
import { roomOf } from './rooms.js';

/** socket.io typed with the contract's four event maps. */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, LiveSocketData>;

/** The largest message a client may send (socket.io's default is 1 MB); a token is well under 1 KB. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

/** setTimeout fires at once for delays above 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The socket.io server on the API's HTTP server. A browser may connect from the API's own origin
 * or one listed in RM_CORS_ORIGINS; a request without `Origin` is not a browser's (a browser always
 * sends it on a cross-origin websocket or XHR) and is let through, since a token is needed anyway.
 */
export function createLiveServer(httpServer: HttpServer, corsOrigins: string[]): LiveServer {
  return new Server(httpServer, {
    serveClient: false,
    // Clients send nothing but the handshake (a token): a message larger than this closes the socket.
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    cors: { origin: corsOrigins, credentials: false },
    allowRequest: (req, callback) => callback(null, originAllowed(req, corsOrigins)),
  });
}

export function originAllowed(req: IncomingMessage, corsOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (corsOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Authenticates every handshake with the same bearer token as the API (`auth: { token }`), puts
 * the socket in its role's room, and disconnects it when the token expires (after telling it why,
 * so the client fetches a new token instead of reconnecting with the dead one).
 */
export function authenticateSockets(io: LiveServer, tokens: TokenService, now: () => number = Date.now): void {
  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token === '')
      return next(refusal('unauthenticated', 'the live connection needs a token: io(url, { auth: { token } })'));
    tokens.verify(token).then(
      (claims) => {
        socket.data = claims;
        next();
      },
      (err: unknown) => next(err instanceof ApiError ? refusal(err.code, err.message) : refusal('invalid_token', 'token check failed')),
    );
  });

  io.on('connection', (socket) => {
    const { role, exp } = socket.data;
    void socket.join(roomOf(role));
    const timer = setTimeout(
      () => {
        socket.emit('session-ended', { code: 'token_expired', message: 'the token has expired; reconnect with a fresh one' });
        socket.disconnect(true);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - now())),
    );
    socket.once('disconnect', () => clearTimeout(timer));
  });
}

/** A refused handshake: the client's `connect_error` gets `message` and `data.code`. */
function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}
