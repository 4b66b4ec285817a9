import type { ClientToServerEvents, ServerToClientEvents } from '@retailmind/sdk/contract';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client; resolves once connected, rejects with the server's refusal (`data.code`). */
export function connectSocket(url: string, token: string | undefined, options: { origin?: string } = {}): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    ...(token === undefined ? {} : { auth: { token } }),
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(Object.assign(err, { code: err.data?.code }));
    });
  });
}

/** The next `event` the socket receives, or a rejection after `ms`. */
export function nextEvent<T>(socket: TestSocket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    (socket as unknown as Socket).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
