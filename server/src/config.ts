import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  RM_DB_URL: z.string().min(1).default('file:.retailmind/retailmind.db'),
  RM_DB_AUTH_TOKEN: z.string().optional(),
  RM_DATA_DIR: z.string().default('data/sample'),
  RM_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean)),
  RM_MAX_INGEST_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  /** `production` requires a real RM_JWT_SECRET and never creates the demo accounts. */
  NODE_ENV: z.string().default('development'),
  /** HS256 key of the bearer tokens; checked by `auth/secret.ts` (a random one outside production). */
  RM_JWT_SECRET: z.string().optional(),
  /** With it, socket.io fans live updates out through redis to every instance. */
  RM_REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /**
   * How often the live layer polls the data version for commits made by another process (the
   * ingest CLI, an instance without redis), in ms; 0 turns it off. Unset: see `defaultWatchMs`
   * (50 ms for a local file, 1 s for a remote libSQL server).
   */
  RM_LIVE_WATCH_MS: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? Number(v) : undefined))
    .pipe(z.number().int().min(0).max(60_000).optional()),
  /** `1`: append a synthetic slice of data every few seconds through the ingest path (demo). */
  RM_LIVE: z
    .enum(['', '0', '1', 'false', 'true'])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
  /** With it, `GET /api/report` asks OpenAI (or a compatible server) to write the narrative; without it, the offline writer. */
  OPENAI_API_KEY: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  /** An OpenAI-compatible server, e.g. `http://localhost:11434/v1`; default OpenAI's own. */
  OPENAI_BASE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  RM_OPENAI_MODEL: z.string().min(1).default('gpt-4.1-mini'),
  /** Per attempt; past it the report falls back to the offline writer. */
  RM_OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Retries of a failed model call (connection errors, 408, 429, 5xx) before the offline fallback. */
  RM_OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
});
export type ServerConfig = z.infer<typeof Env>;

/** Reads the environment once; only the entry points call this. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
