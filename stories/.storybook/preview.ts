import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../../widgets/custom-elements.json' with { type: 'json' };
import '@retailmind/widgets/all';
import { withScene } from '../src/scene.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  // Every story in a provider with the fake client, as its `parameters.scene` describes.
  decorators: [withScene],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
