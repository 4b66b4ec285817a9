import { ROLES, type Role } from '@retailmind/sdk/contract';
import { sign, verify } from 'hono/jwt';
import { ApiError } from '../http/errors.js';

/** Lifetime of a login token: short, so a leaked token is worth little; the SDK refreshes before it ends. */
export const TOKEN_TTL_SECONDS = 60 * 60;
/** No token is accepted whose expiry lies further ahead than this, whoever minted it (e.g. a portal). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** The one algorithm accepted: pinned, so a token cannot choose `none` or an asymmetric one. */
const ALG = 'HS256';

export interface Claims {
  sub: string;
  role: Role;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Signs and verifies the API's bearer tokens (HS256 JWT: `sub`, `role`, `exp`). */
export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(sub: string, role: Role, ttlSeconds: number = TOKEN_TTL_SECONDS): Promise<{ token: string; claims: Claims }> {
    const iat = Math.floor(this.now() / 1000);
    const claims: Claims = { sub, role, exp: iat + ttlSeconds };
    return { token: await sign({ ...claims, iat }, this.secret, ALG), claims };
  }

  /** The token's claims, or a 401 `ApiError`: `token_expired` for a genuine but expired token, else `invalid_token`. */
  async verify(token: string): Promise<Claims> {
    let payload: Record<string, unknown>;
    try {
      // Signature first (exp: false), so a forged token is "invalid" whatever its exp says.
      payload = await verify(token, this.secret, { alg: ALG, exp: false });
    } catch {
      throw invalid('the token is malformed or its signature does not match');
    }
    const { sub, role, exp } = payload;
    if (typeof sub !== 'string' || sub === '') throw invalid('the token has no subject');
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) throw invalid('the token names no known role');
    if (typeof exp !== 'number' || !Number.isFinite(exp)) throw invalid('the token has no expiry');
    const nowSeconds = this.now() / 1000;
    if (exp <= nowSeconds)
      throw new ApiError(401, 'token_expired', 'the token has expired; sign in again or refresh it', undefined, CHALLENGE);
    if (exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS)
      throw invalid(`the token expires more than ${MAX_TOKEN_LIFETIME_SECONDS / 3600} h ahead; mint shorter-lived tokens`);
    return { sub, role: role as Role, exp };
  }
}

/** RFC 6750: a 401 names the scheme and why the token failed. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

function invalid(message: string) {
  return new ApiError(401, 'invalid_token', message, undefined, CHALLENGE);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
