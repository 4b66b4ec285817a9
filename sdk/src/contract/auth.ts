import { z } from 'zod';

/** Who may see what is decided by role on the server (see the role matrix in the README). */
export const ROLES = ['manager', 'analyst', 'leadership'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Bounds of `POST /api/auth/embed-token`'s `ttl`, in seconds: long enough for a page view, short enough to leak little. */
export const EMBED_TTL_MIN_SECONDS = 60;
export const EMBED_TTL_MAX_SECONDS = 3600;

export const LoginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const AuthUser = z.object({ username: z.string(), role: Role });
export type AuthUser = z.infer<typeof AuthUser>;

/** A bearer token (HS256 JWT with `sub`, `role`, `exp`) and when it stops working. */
export const TokenResponse = z.object({
  token: z.string(),
  user: AuthUser,
  expiresAt: z.iso.datetime(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const MeResponse = z.object({ user: AuthUser, expiresAt: z.iso.datetime() });
export type MeResponse = z.infer<typeof MeResponse>;

export const EmbedTokenBody = z.object({
  role: Role,
  /** Lifetime of the token in seconds. */
  ttl: z.number().int().min(EMBED_TTL_MIN_SECONDS).max(EMBED_TTL_MAX_SECONDS).default(900),
});
export type EmbedTokenBody = z.input<typeof EmbedTokenBody>;
