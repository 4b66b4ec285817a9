/**
 * `@retailmind/widgets`: the element classes, events and helpers, without registering any tag
 * (import `@retailmind/widgets/<element>` or `@retailmind/widgets/all` for that).
 *
 * @packageDocumentation
 */
export { RmProvider } from './provider/provider.js';
export { RmKpi } from './kpi/kpi.js';
export { KPI_METRICS, type KpiMetric } from './kpi/metrics.js';
export { RmChannelChart, CHANNEL_METRICS, type ChannelMetric } from './channel-chart/channel-chart.js';
export { RmHealthTable } from './health-table/health-table.js';
export { RmRecommendations } from './recommendations/recommendations.js';
export { RmAnomalyBanner } from './anomaly-banner/anomaly-banner.js';
export { RmBudgetSim } from './budget-sim/budget-sim.js';
export { RmReport } from './report/report.js';
export { RmElement } from './base/element.js';
export { clientContext, settingsContext, type RmSettings } from './context/contexts.js';
export * from './events/events.js';
export { formatter, type Formatter } from './format/format.js';
export { COLOR_PROPERTIES } from './styles/tokens.js';
