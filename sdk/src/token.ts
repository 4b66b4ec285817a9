/**
 * Keeps the client's bearer token: asks `getToken` for one when there is none or the one held is
 * about to expire (its `exp` read from the JWT, not verified: that is the server's job), and again
 * once after a 401. Zod-free and DOM-free.
 */
import { AuthenticationError } from './errors.js';

/** Supplies a bearer token. Called when the client has none, when its token nears expiry, and after a 401. */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

/** A token is renewed this long before its `exp`, so no request leaves with a token about to die. */
export const REFRESH_MARGIN_MS = 60_000;

/** The `exp` of a JWT in ms since the epoch, or undefined when the token is not a JWT or has none. */
export function tokenExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))) as { exp?: unknown };
    return typeof json.exp === 'number' && Number.isFinite(json.exp) ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class TokenKeeper {
  private held: string | null = null;
  private pending: Promise<string | null> | null = null;

  constructor(
    private readonly fixed: string | undefined,
    private readonly provider: TokenProvider | undefined,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Whether a rejected token can be replaced (there is a `getToken`). */
  get canRefresh(): boolean {
    return this.provider !== undefined;
  }

  /** The token to send: the one held while it is fresh, else a new one from `getToken`, else the static one. */
  current(): Promise<string | null> {
    if (this.held !== null && (!this.provider || this.isFresh(this.held))) return Promise.resolve(this.held);
    if (!this.provider) return Promise.resolve(this.fixed ?? null);
    return this.fetch();
  }

  /** After a 401 with `rejected`: gets a new token from `getToken` (unless another call already did). */
  refresh(rejected: string | null): Promise<string | null> {
    if (this.held === rejected) this.held = null;
    return this.current();
  }

  /** Holds a token obtained otherwise, e.g. from `login`. */
  set(token: string): void {
    this.held = token;
  }

  private isFresh(token: string): boolean {
    const exp = tokenExpiryMs(token);
    return exp === undefined || exp - this.now() > REFRESH_MARGIN_MS;
  }

  /** One `getToken` call at a time; concurrent requests share it. */
  private fetch(): Promise<string | null> {
    this.pending ??= (async () => {
      try {
        const token = await this.provider!();
        this.held = token || null;
        return this.held ?? this.fixed ?? null;
      } catch (cause) {
        const error = new AuthenticationError(401, {
          error: { code: 'token_refresh_failed', message: `getToken failed: ${cause instanceof Error ? cause.message : String(cause)}` },
        });
        error.cause = cause;
        throw error;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }
}
