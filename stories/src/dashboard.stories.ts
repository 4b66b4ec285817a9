import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { inScene } from './scene.js';

/** Every element together, as a manager's dashboard, for each role and theme. */
const meta: Meta = {
  title: 'Dashboard',
  render: () =>
    html`<div style="display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))">
      <rm-anomaly-banner style="grid-column:1/-1"></rm-anomaly-banner>
      <rm-kpi metric="revenue"></rm-kpi><rm-kpi metric="roi"></rm-kpi><rm-kpi metric="conversionRate"></rm-kpi><rm-kpi metric="budgetUtilizationPct"></rm-kpi>
      <rm-channel-chart metric="roi" style="grid-column:span 2"></rm-channel-chart><rm-budget-sim style="grid-column:span 2"></rm-budget-sim>
      <rm-health-table style="grid-column:1/-1"></rm-health-table>
      <rm-recommendations limit="3" style="grid-column:1/-1"></rm-recommendations>
      <rm-report style="grid-column:1/-1"></rm-report>
    </div>`,
};
export default meta;

export const Manager = inScene({ role: 'manager' });
export const Analyst = inScene({ role: 'analyst' });
export const Leadership = inScene({ role: 'leadership' });
export const ManagerDark = inScene({ role: 'manager', theme: 'dark' });
