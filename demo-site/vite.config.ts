/**
 * The demo site: `index.html` (sign-in and the role dashboards, importing the widgets as a bundler
 * user would) and `embed.html` (a mock intranet page that loads the self-registering bundle with
 * one script tag, as a portal would; its scripts are left untouched with `vite-ignore`).
 * `npm start` builds it and the server serves `dist/` at `/`, the bundle at `/widgets/`.
 * `npm run dev -w demo-site` proxies `/api`, `/socket.io` and `/widgets` to a server on :8787.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const target = process.env['RM_API'] ?? 'http://localhost:8787';

export default defineConfig({
  root: src('.'),
  // Built from the sources (as the widget bundle is), so the site never shows a stale widget build.
  resolve: {
    alias: [
      { find: /^@retailmind\/widgets\/all$/, replacement: src('../widgets/src/all.ts') },
      { find: /^@retailmind\/widgets$/, replacement: src('../widgets/src/index.ts') },
      { find: /^@retailmind\/sdk$/, replacement: src('../sdk/src/index.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { index: src('index.html'), embed: src('embed.html') } },
  },
  server: {
    proxy: {
      '/api': target,
      '/widgets': target,
      '/socket.io': { target, ws: true },
    },
  },
});
