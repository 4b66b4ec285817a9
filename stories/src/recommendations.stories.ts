import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Recommendations',
  component: 'rm-recommendations',
  args: { limit: 4 },
  argTypes: { limit: { control: { type: 'number', min: 1 } } },
  render: (args) => html`<rm-recommendations limit=${args.limit} @rm-action=${(e: CustomEvent) => console.info('rm-action', e.detail)}></rm-recommendations>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';
