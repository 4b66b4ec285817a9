import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inScene, type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Budget simulator',
  component: 'rm-budget-sim',
  render: () => html`<rm-budget-sim @rm-scenario-change=${(e: CustomEvent) => console.info('rm-scenario-change', e.detail)}></rm-budget-sim>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';

export const RouteMissing = inScene({ scenario: { '/api/response-curves': 'missing' } }, 'Against a server without the route yet: the honest error state.');
