import type { Claims } from './tokens.js';

/** Hono variables the `authorize` middleware sets: the verified claims of a non-public route's caller. */
export type AuthEnv = { Variables: { requestId: string; auth: Claims } };
