import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const config: StorybookConfig = {
  stories: ['../src/**/*.mdx', '../src/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // The packages' sources, as the tests use them: no build needed before Storybook.
    config.resolve ??= {};
    config.resolve.alias = [
      { find: '@retailmind/sdk/testing', replacement: src('../../sdk/src/testing/index.ts') },
      { find: /^@retailmind\/sdk$/, replacement: src('../../sdk/src/index.ts') },
      { find: /^@retailmind\/widgets\/all$/, replacement: src('../../widgets/src/all.ts') },
      ...(Array.isArray(config.resolve.alias) ? config.resolve.alias : Object.entries(config.resolve.alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }))),
    ];
    return config;
  },
};

export default config;
