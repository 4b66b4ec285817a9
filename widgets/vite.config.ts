/**
 * Two builds of `@retailmind/widgets` (declarations come from `tsc -b`):
 * - `vite build`: ESM per module for npm consumers (`dist/<element>/define.js` …), unbundled, with
 *   Lit, Chart.js and the SDK left as imports for the consumer's bundler (Lit's publishing guide);
 * - `vite build --mode bundle`: the self-registering bundle `dist/retailmind-widgets.js` for one
 *   `<script type="module">`, everything included; Chart.js and socket.io-client stay in their own
 *   chunks (`dist/chunks/`) that load only when a chart renders or a live subscription starts.
 *   `bench/widgets.ts` measures this very configuration.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  return {
    resolve: bundle ? { alias: { '@retailmind/sdk': src('../sdk/src/index.ts') } } : {},
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: bundle,
      lib: bundle
        ? { entry: { 'retailmind-widgets': src('src/all.ts') }, formats: ['es'] }
        : { entry: { index: src('src/index.ts'), all: src('src/all.ts') }, formats: ['es'] },
      rollupOptions: bundle
        ? {
            // Chart.js's unregistered scales (time, logarithmic, radial) are otherwise kept, ~6 KB gzip:
            // their static fields read imported objects, and a read might be a getter. None is here.
            treeshake: { propertyReadSideEffects: false },
            output: {
              entryFileNames: '[name].js',
              chunkFileNames: 'chunks/[name]-[hash].js',
              // Vite keeps whitespace in ES libraries for the consumer's bundler; this bundle has none.
              minify: true,
            },
          }
        : {
            input: {
              index: src('src/index.ts'),
              all: src('src/all.ts'),
              ...Object.fromEntries(
                ['provider', 'kpi', 'channel-chart', 'health-table', 'recommendations', 'anomaly-banner', 'budget-sim', 'report'].map((e) => [
                  `${e}/define`,
                  src(`src/${e}/define.ts`),
                ]),
              ),
            },
            external: (id: string) => /^(lit|lit-html|lit-element|@lit\/[^/]+|chart\.js|@retailmind\/sdk)(\/|$)/.test(id),
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
    },
  };
});
