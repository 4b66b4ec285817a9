import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scene, type SceneOptions } from './scene.js';

/** Every element together, as a manager's dashboard, for each role and theme. */
const meta: Meta<SceneOptions> = {
  title: 'Dashboard',
  render: (options) =>
    scene(
      html`<div style="display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))">
        <rm-anomaly-banner style="grid-column:1/-1"></rm-anomaly-banner>
        <rm-kpi metric="revenue"></rm-kpi><rm-kpi metric="roi"></rm-kpi><rm-kpi metric="conversionRate"></rm-kpi><rm-kpi metric="budgetUtilizationPct"></rm-kpi>
        <rm-channel-chart metric="roi" style="grid-column:span 2"></rm-channel-chart><rm-budget-sim style="grid-column:span 2"></rm-budget-sim>
        <rm-health-table style="grid-column:1/-1"></rm-health-table>
        <rm-recommendations limit="3" style="grid-column:1/-1"></rm-recommendations>
        <rm-report style="grid-column:1/-1"></rm-report>
      </div>`,
      options,
    ),
};
export default meta;
type Story = StoryObj<SceneOptions>;

export const Manager: Story = { args: { role: 'manager' } };
export const Analyst: Story = { args: { role: 'analyst' } };
export const Leadership: Story = { args: { role: 'leadership' } };
export const ManagerDark: Story = { args: { role: 'manager', theme: 'dark' } };
