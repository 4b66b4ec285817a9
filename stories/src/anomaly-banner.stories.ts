import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Anomaly banner',
  component: 'rm-anomaly-banner',
  args: { open: false },
  argTypes: { open: { control: 'boolean' } },
  render: (args) => html`<rm-anomaly-banner ?open=${args.open}></rm-anomaly-banner>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';
