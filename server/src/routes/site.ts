import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { isApiPath } from '../http/route-name.js';

export interface SiteOptions {
  /** The built demo site (`demo-site/dist`): `/`, `/embed.html`, `/assets/…`. */
  siteDir: string;
  /** The built widgets (`widgets/dist`): the self-registering bundle at `/widgets/retailmind-widgets.js`. */
  widgetsDir?: string;
}

/**
 * Static files: the demo site and the widget bundle. No token is needed for them (they hold no
 * data; every API call they make carries its own). `/api/*` never falls through to a file.
 * The bundle and its chunks answer with `Cross-Origin-Resource-Policy: cross-origin` (set in
 * `app.ts`, after the secure headers) so portals on other origins can load them.
 */
export function siteRoutes(options: SiteOptions) {
  const app = new Hono();
  if (options.widgetsDir) {
    const widgets = serveStatic({
      root: options.widgetsDir,
      rewriteRequestPath: (path) => path.replace(/^\/widgets/, ''),
      onFound: (path, c) => {
        c.header('Cache-Control', /\/chunks\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Only the script-tag build: the bundle, its source map and its chunks.
    app.get('/widgets/retailmind-widgets.js', widgets);
    app.get('/widgets/retailmind-widgets.js.map', widgets);
    app.get('/widgets/chunks/*', widgets);
  }
  const site = serveStatic({
    root: options.siteDir,
    onFound: (path, c) => {
      c.header('Cache-Control', /\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Matches API paths too (a wildcard cannot exclude them), so it passes them on to the JSON 404.
  app.get('*', async (c, next) => (isApiPath(c.req.path) ? next() : site(c, next)));
  return app;
}
