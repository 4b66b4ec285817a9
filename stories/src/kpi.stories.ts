import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inScene, type Args } from './scene.js';

const meta: Meta<Args> = {
  title: 'Widgets/KPI',
  component: 'rm-kpi',
  args: { metric: 'revenue' },
  argTypes: { metric: { control: 'select', options: ['revenue','roi','conversionRate','budgetUtilizationPct','revenueGrowthPct','anomalyCount','spend','roas','cpa','ctr','clicks','transactions'] } },
  render: (args) => html`<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:12px"><rm-kpi metric=${args.metric}></rm-kpi><rm-kpi metric="roi"></rm-kpi><rm-kpi metric="conversionRate"></rm-kpi><rm-kpi metric="budgetUtilizationPct"></rm-kpi><rm-kpi metric="revenueGrowthPct"></rm-kpi><rm-kpi metric="anomalyCount"></rm-kpi></div>`,
};
export default meta;

export { Populated, Loading, Error, Offline, Empty, Leadership, Dark, DarkError } from './scene.js';

export const Narrow = inScene({ width: '380px' });
