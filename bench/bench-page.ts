import type { Browser, Page } from 'playwright-core';
import { bundle, W } from './widgets.js';

/**
 * Chromium (Debian's) for the browser measures, and a way to open a page that loads the widgets'
 * self-registering bundle (built from `widgets/src`) at the API's own origin: both are served
 * through Playwright's request routing, so the API calls reach the real server with no CORS setup.
 */
export async function benchBrowser(apiUrl: string): Promise<{ browser: Browser; open: (html: string) => Promise<Page> }> {
  const { chromium } = await import('playwright-core');
  const built = await bundle(`import '${W('all.ts')}';`);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    // A routed page is not fetched, so Chromium cannot tell it is local and would block its
    // WebSocket to the loopback server.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-features=LocalNetworkAccessChecks'],
  });
  let pages = 0;
  return {
    browser,
    /** A fresh context with `html` (which loads `/bench-widgets/entry.js`) open at `apiUrl`'s origin. */
    async open(html: string): Promise<Page> {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.route(`${apiUrl}/bench-widgets/**`, (route) => {
        const name = new URL(route.request().url()).pathname.replace('/bench-widgets/', '');
        const code = built.code.get(name);
        return code ? route.fulfill({ body: code, contentType: 'text/javascript' }) : route.fulfill({ status: 404 });
      });
      const path = `/bench-page-${pages++}.html`;
      await tab.route(`${apiUrl}${path}`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
      await tab.goto(`${apiUrl}${path}`);
      return tab;
    },
  };
}
