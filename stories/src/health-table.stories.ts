import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inScene, type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Health table',
  component: 'rm-health-table',
  args: { status: '' },
  argTypes: { status: { control: 'text' } },
  render: (args) => html`<rm-health-table status=${args.status ?? ''}></rm-health-table>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';

export const Narrow = inScene({ width: '380px' });
