import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

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
      {
        // End to end: a real server on a temporary database, the built demo site, Debian's Chromium
        // driven by playwright-core (tests/e2e/harness.ts builds the site and the widget bundle first).
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The widgets in real Chromium (Debian's, installed by .ci/run), on the SDK's fake transport.
        resolve: { alias: { '@retailmind/sdk/testing': src('./sdk/src/testing/index.ts'), ...alias } },
        // Pre-bundled up front, so the first run does not stop to re-optimize and reload.
        optimizeDeps: { include: ['lit', 'lit/decorators.js', '@lit/context', '@lit/task', 'chart.js', 'axe-core', 'socket.io-client'] },
        test: {
          name: 'browser',
          include: ['widgets/src/**/*.test.ts'],
          testTimeout: 15_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: {
                executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
              },
            }),
          },
        },
      },
    ],
  },
});
