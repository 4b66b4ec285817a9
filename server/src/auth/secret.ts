import { randomBytes } from 'node:crypto';

/** HS256 wants a key at least as long as its output: 32 bytes. */
export const MIN_SECRET_LENGTH = 32;

/**
 * Fewer distinct characters than this is a repeated pattern (`'p'.repeat(40)`), not a random key.
 * Not higher: a 32-character hex key (`openssl rand -hex 16`) has fewer than 10 about once in
 * 8,000 draws, fewer than 8 about once in 27 million.
 */
export const MIN_DISTINCT_CHARACTERS = 8;

/**
 * Words of the placeholders people paste from examples (`changeme…`, `your-secret-here…`, our tests'
 * `test-secret-of-at-least-32-characters!`), looked for with case and punctuation removed. A key
 * from `openssl rand -base64 48` holds one by chance about once in 17 million (hex keys never).
 */
const PLACEHOLDER_WORDS = ['changeme', 'changethis', 'replaceme', 'secret', 'password', 'placeholder', 'example'];

/** Why `secret` is not a real signing key, or null when it looks like one. */
export function weakSecretReason(secret: string): string | null {
  if (secret.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  const distinct = new Set(secret).size;
  if (distinct < MIN_DISTINCT_CHARACTERS)
    return `has ${distinct} distinct characters, fewer than ${MIN_DISTINCT_CHARACTERS}: a repeated pattern, not a random key`;
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  const word = PLACEHOLDER_WORDS.find((w) => letters.includes(w));
  if (word) return `looks like a placeholder (it contains "${word}")`;
  return null;
}

const GENERATE = '`openssl rand -base64 48`';

/**
 * The token-signing secret. In production a real one is required: at least 32 characters, not a
 * repeated pattern, not a placeholder. Elsewhere a missing or short one is replaced by a random
 * per-process secret (tokens then die with the process), and a weak one is used with a warning.
 */
export function resolveJwtSecret(configured: string | undefined, production: boolean): { secret: string; warning?: string } {
  const weakness = configured ? weakSecretReason(configured) : 'is not set';
  if (weakness === null) return { secret: configured! };
  if (production)
    throw new Error(
      `RM_JWT_SECRET ${weakness}: it must be a random key of at least ${MIN_SECRET_LENGTH} characters when NODE_ENV=production (e.g. ${GENERATE})`,
    );
  // A weak but long key still works across instances and for portals minting tokens in development.
  if (configured && configured.length >= MIN_SECRET_LENGTH)
    return { secret: configured, warning: `RM_JWT_SECRET ${weakness}; production would refuse it (use ${GENERATE})` };
  return {
    secret: randomBytes(48).toString('base64'),
    warning: `RM_JWT_SECRET ${weakness}: signing tokens with a random per-process secret; tokens end with this process and are not shared with other instances`,
  };
}
