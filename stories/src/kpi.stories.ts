import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scene, STATES } from './scene.js';

type Args = Record<string, any>;
const render = (args: Args) => html`<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:12px"><rm-kpi metric=${args.metric}></rm-kpi><rm-kpi metric="roi"></rm-kpi><rm-kpi metric="conversionRate"></rm-kpi><rm-kpi metric="budgetUtilizationPct"></rm-kpi><rm-kpi metric="revenueGrowthPct"></rm-kpi><rm-kpi metric="anomalyCount"></rm-kpi></div>`;

const meta: Meta<Args> = {
  title: 'Widgets/KPI',
  component: 'rm-kpi',
  args: { metric: 'revenue' },
  argTypes: { metric: { control: 'select', options: ['revenue','roi','conversionRate','budgetUtilizationPct','revenueGrowthPct','anomalyCount','spend','roas','cpa','ctr','clicks','transactions'] } },
  render: (args) => scene(render(args)),
};
export default meta;
type Story = StoryObj<Args>;

export const Populated: Story = {};
export const Loading: Story = { render: (args) => scene(render(args), STATES.Loading) };
export const Error: Story = { render: (args) => scene(render(args), STATES.Error) };
export const Offline: Story = { render: (args) => scene(render(args), STATES.Offline) };
export const Empty: Story = { render: (args) => scene(render(args), STATES.Empty) };
/** What the leadership role gets: the server refuses campaign-level routes (403). */
export const Leadership: Story = { render: (args) => scene(render(args), STATES.Leadership) };
export const Dark: Story = { render: (args) => scene(render(args), STATES.Dark) };
export const DarkError: Story = { render: (args) => scene(render(args), { ...STATES.Dark, ...STATES.Error }) };

export const Narrow: Story = { render: (args) => scene(render(args), { width: '380px' }) };
