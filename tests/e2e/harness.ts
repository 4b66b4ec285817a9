/**
 * The end-to-end harness: builds the demo site and the self-registering widget bundle from the
 * sources into a temporary directory, starts a real server (API, live layer, static site) on a
 * temporary database filled from `data/sample` with the demo accounts, and launches Debian's
 * Chromium through playwright-core. Used by `dashboards.test.ts` and by `npm run screenshots`.
 */
import { serve } from '@hono/node-server';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { createApp } from '../../server/src/app.js';
import { createDemoUsers, UserStore } from '../../server/src/auth/users.js';
import { attachLive, type Live } from '../../server/src/live/index.js';
import { openDatabase } from '../../server/src/store/db.js';
import { ingestPath } from '../../server/src/store/ingest/directory.js';
import { Store } from '../../server/src/store/store.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
export const SECRET = 'e2e-secret-of-at-least-32-characters!!';
export type Role = 'manager' | 'analyst' | 'leadership';
export const ROLES: Role[] = ['manager', 'analyst', 'leadership'];

export interface E2E {
  url: string;
  store: Store;
  browser: Browser;
  /** A fresh browser context (downloads accepted) at `width` × 900. */
  context(width?: number): Promise<BrowserContext>;
  /** Signs in on the demo site's sign-in page as `role` and waits for the dashboard's widgets to load. */
  signIn(page: Page, role: Role): Promise<void>;
  /** A bearer token of the demo account `role`, from `POST /api/auth/login`. */
  token(role: Role): Promise<string>;
  close(): Promise<void>;
}

/** Builds the site and the bundle (vite, from the sources), then starts the server and the browser. */
export async function startE2E(): Promise<E2E> {
  const dir = await mkdtemp(join(tmpdir(), 'rm-e2e-'));
  const siteDir = join(dir, 'site');
  const widgetsDir = join(dir, 'widgets');
  const quiet = { logLevel: 'error' as const };
  await build({ ...quiet, configFile: root('demo-site/vite.config.ts'), build: { outDir: siteDir, emptyOutDir: true } });
  await build({ ...quiet, configFile: root('widgets/vite.config.ts'), mode: 'bundle', root: root('widgets'), build: { outDir: widgetsDir, emptyOutDir: true, sourcemap: false } });

  const store = new Store(await openDatabase(`file:${join(dir, 'e2e.db')}`));
  await ingestPath(store, root('data/sample'));
  await createDemoUsers(new UserStore(store.db));
  const app = createApp({
    store,
    config: { corsOrigins: [], maxIngestBytes: 10 * 1024 * 1024 },
    jwtSecret: SECRET,
    logError: (err) => console.error(err),
    siteDir,
    widgetsDir,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as HttpServer;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const live: Live = await attachLive(server, { store, jwtSecret: SECRET, corsOrigins: [], watchMs: 0, logError: () => undefined });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    headless: true,
  });
  const tokens = new Map<Role, string>();

  return {
    url,
    store,
    browser,
    context: (width = 1440) => browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, baseURL: url }),
    async signIn(page, role) {
      await page.goto(`${url}/`);
      await page.locator(`button.account[data-username="${role}"]`).click();
      await page.locator(`main#dashboard[data-role="${role}"]`).waitFor();
      await settle(page);
    },
    async token(role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: role, password: 'demo' }),
      });
      const token = ((await res.json()) as { token: string }).token;
      tokens.set(role, token);
      return token;
    },
    async close() {
      await browser.close();
      await live.close();
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The page's console errors and uncaught exceptions from now on, collected as they happen. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Waits until no RetailMind element shows a skeleton any more (every task settled). */
export async function settle(page: Page) {
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('*')].filter((el) => el.tagName.startsWith('RM-') && el.tagName !== 'RM-PROVIDER');
    return all.length > 0 && all.every((el) => el.shadowRoot && !el.shadowRoot.querySelector('[part~="skeleton"]'));
  }, undefined, { timeout: 20_000 });
}

/** The tag names of the RetailMind elements on the page, sorted, with repeats. */
export async function widgetTags(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .map((el) => el.tagName.toLowerCase())
      .filter((t) => t.startsWith('rm-') && t !== 'rm-provider')
      .sort(),
  );
}
