import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run against the packages' sources, so a test never sees a stale build.
const alias = {
  '@retailmind/sdk/contract': src('./sdk/src/contract/index.ts'),
  '@retailmind/sdk': src('./sdk/src/index.ts'),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['server/src/**/*.test.ts', 'sdk/src/**/*.test.ts', 'data/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'tests/e2e/**'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
