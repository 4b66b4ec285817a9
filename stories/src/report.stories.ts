import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inScene, type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Report',
  component: 'rm-report',
  render: () => html`<rm-report @rm-export=${(e: CustomEvent) => console.info('rm-export', e.detail)}></rm-report>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';

export const RouteMissing = inScene({ scenario: { '/api/report': 'missing' } }, 'Against a server without the route yet: the honest error state.');
