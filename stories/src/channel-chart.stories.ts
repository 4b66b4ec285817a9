import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/Channel chart',
  component: 'rm-channel-chart',
  args: { metric: 'revenue' },
  argTypes: { metric: { control: 'select', options: ['revenue','spend','roi','roas','contributionPct','conversionRate','budgetUtilizationPct'] } },
  render: (args) => html`<rm-channel-chart metric=${args.metric}></rm-channel-chart>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';
