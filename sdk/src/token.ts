/**
 * Keeps the client's bearer token: asks `getToken` for one when there is none or the one held is
 * about to expire (its `exp` and `iat` read from the JWT, not verified: that is the server's job),
 * and again once after a 401. Zod-free and DOM-free.
 */
import { AuthenticationError } from './errors.js';

/** Supplies a bearer token. Called when the client has none, when its token nears expiry, and after a 401. */
export type TokenProvider = () => string | null | undefined | Promise<string | null | undefined>;

/**
 * A token is renewed this long before its `exp`, so no request leaves with a token about to die;
 * at most half the token's lifetime, see {@link refreshMarginMs}.
 */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * How long before its `exp` a token of this lifetime is renewed: {@link REFRESH_MARGIN_MS}, capped
 * at half the lifetime, so a token shorter-lived than the margin (a 60 s embed token) is still
 * used for the first half of its life instead of `getToken` running before every request.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetimeMs) / 2);
}

/** The `exp` and `iat` of a JWT in ms since the epoch; each undefined when the token is not a JWT or lacks it. */
export function tokenTimesMs(token: string): { exp: number | undefined; iat: number | undefined } {
  const payload = token.split('.')[1];
  if (!payload) return { exp: undefined, iat: undefined };
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)))) as Record<string, unknown>;
    return { exp: seconds(json['exp']), iat: seconds(json['iat']) };
  } catch {
    return { exp: undefined, iat: undefined };
  }
}

/** The `exp` of a JWT in ms since the epoch, or undefined when the token is not a JWT or has none. */
export function tokenExpiryMs(token: string): number | undefined {
  return tokenTimesMs(token).exp;
}

const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v * 1000 : undefined);

export class TokenKeeper {
  private held: string | null = null;
  /** When `held` was received: the start of its lifetime when it carries no `iat`. */
  private heldSince = 0;
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
    this.hold(token);
  }

  private hold(token: string | null) {
    this.held = token;
    this.heldSince = this.now();
  }

  private isFresh(token: string): boolean {
    const { exp, iat } = tokenTimesMs(token);
    if (exp === undefined) return true;
    // `iat` and `exp` come from one clock (the issuer's), so their difference is the lifetime
    // whatever this clock's skew; without `iat`, the life counts from when the token arrived.
    return exp - this.now() > refreshMarginMs(exp - (iat ?? this.heldSince));
  }

  /** One `getToken` call at a time; concurrent requests share it. */
  private fetch(): Promise<string | null> {
    this.pending ??= (async () => {
      try {
        const token = await this.provider!();
        this.hold(token || null);
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
