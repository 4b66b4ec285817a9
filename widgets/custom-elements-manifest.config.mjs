/** `npm run manifest`: custom-elements.json from the sources' JSDoc (Lit-aware). */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // `dispatchEvent(new RmActionEvent(…))` is seen as an event without a name; the `@fires` tags name them.
      name: 'rm-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules)
          for (const decl of mod.declarations ?? []) if (decl.events) decl.events = decl.events.filter((e) => e.name);
      },
    },
  ],
};
