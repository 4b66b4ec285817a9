import { randomBytes } from 'node:crypto';

/** HS256 wants a key at least as long as its output: 32 bytes. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The token-signing secret. In production a real one (≥ 32 characters) is required; elsewhere a
 * missing one is replaced by a random per-process secret, with a warning (tokens then die with the process).
 */
export function resolveJwtSecret(configured: string | undefined, production: boolean): { secret: string; warning?: string } {
  if (configured && configured.length >= MIN_SECRET_LENGTH) return { secret: configured };
  if (production)
    throw new Error(
      `RM_JWT_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters when NODE_ENV=production (e.g. \`openssl rand -base64 48\`)`,
    );
  const why = configured ? `RM_JWT_SECRET is shorter than ${MIN_SECRET_LENGTH} characters` : 'RM_JWT_SECRET is not set';
  return {
    secret: randomBytes(48).toString('base64'),
    warning: `${why}: signing tokens with a random per-process secret; tokens end with this process and are not shared with other instances`,
  };
}
