import { Task, TaskStatus } from '@lit/task';
import type { DailyPoint, SummaryResponse, SummaryTotals } from '@retailmind/sdk';
import { html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { shared } from '../context/shared.js';
import { isKpiMetric, KPI_METRICS, kpiChange, type KpiKind, type KpiMetric } from './metrics.js';
import { kpiStyles } from './kpi.styles.js';

/**
 * One headline figure from the dashboard summary: its value, the change against the previous
 * period of the same length (with an arrow and words, never colour alone), and a small trend line
 * of its daily values. Refreshes live on the `summary` topic.
 *
 * @summary A KPI card.
 * @csspart card - The card.
 * @csspart label - The metric's name.
 * @csspart value - The figure.
 * @csspart change - The change against the previous period.
 * @csspart trend - The trend line (an SVG).
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state (with its Retry button, part `retry`).
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @cssproperty --rm-font-size-large - Size of the figure (default 1.75rem).
 * @cssproperty --rm-color-chart - Colour of the trend line.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmKpi extends RmElement {
  static override styles = [...RmElement.styles, kpiStyles];

  /**
   * The summary total to show: `revenue`, `roi`, `conversionRate`, `budgetUtilizationPct`,
   * `revenueGrowthPct`, `anomalyCount`, `spend`, `roas`, `cpa`, `ctr`, `clicks`, `transactions`, …
   */
  @property({ reflect: true }) metric: string = 'revenue';
  /** Overrides the metric's label. */
  @property() label?: string;

  protected override liveTopic = 'summary';

  protected readonly task = this.dataTask({
    task: async ([client, queryKey], { signal }): Promise<SummaryResponse> => {
      const c = this.requireClient(client);
      const query = JSON.parse(queryKey) as Parameters<typeof c.dashboardSummary>[0];
      return shared(c, `summary:${queryKey}`, (s) => c.dashboardSummary(query, { signal: s }), signal);
    },
    args: () => [this.dataClient, JSON.stringify(this.rangeQuery())] as const,
  });

  /** The previous period, for the change; asked for once the figure is shown, so it never delays it. */
  private readonly previousTask = new Task(this, {
    task: async ([client, queryKey], { signal }): Promise<SummaryResponse | undefined> => {
      if (!client || !queryKey) return undefined;
      const query = JSON.parse(queryKey) as Parameters<typeof client.dashboardSummary>[0];
      const previous = this.callApi(() => shared(client, `summary:${queryKey}`, (s) => client.dashboardSummary(query, { signal: s }), signal));
      return previous.catch((error: unknown) => {
        if ((error as { name?: string }).name === 'APIUserAbortError') throw error;
        return undefined; // the change is a nicety: without it the figure still shows (an auth failure is reported)
      });
    },
    args: () => {
      const current = this.task.value;
      const prev = current?.previousRange;
      return [this.dataClient, prev ? JSON.stringify({ ...this.rangeQuery(), from: prev.from, to: prev.to }) : ''] as const;
    },
  });

  private get def() {
    return isKpiMetric(this.metric) ? KPI_METRICS[this.metric] : undefined;
  }

  private format(value: number | null, kind: KpiKind): string {
    const f = this.fmt;
    switch (kind) {
      case 'money':
        return f.money(value);
      case 'count':
        return f.count(value);
      case 'fraction':
        return f.fraction(value);
      case 'percent':
        return f.percent(value);
      case 'multiple':
        return f.multiple(value);
    }
  }

  protected override render() {
    const def = this.def;
    const label = this.label ?? def?.label ?? this.metric;
    if (!def || !isKpiMetric(this.metric))
      return html`<div class="card" part="card"><p class="title" part="label">${label}</p>
        <p class="muted" role="alert">Unknown metric “${this.metric}”. Use one of: ${Object.keys(KPI_METRICS).join(', ')}.</p></div>`;
    const metric = this.metric;
    return html`<section class="card" part="card" aria-label=${label}>
      <p class="title" part="label">${label}</p>
      ${this.renderData<SummaryResponse>(label.toLowerCase(), (summary) => this.renderFigure(metric, summary, this.previousTask.value), {
        skeleton: ['60%', '40%', '100%'],
        isEmpty: (summary) => summary.daily.length === 0 && summary.totals.spend === 0 && summary.totals.revenue === 0,
        empty: 'No data for this period.',
      })}
    </section>`;
  }

  private renderFigure(metric: KpiMetric, summary: SummaryResponse, previous: SummaryResponse | undefined) {
    const def = KPI_METRICS[metric];
    const value = summary.totals[metric];
    const change = kpiChange(metric, summary.totals, previous?.totals as SummaryTotals | undefined);
    const days = summary.daily.length;
    return html`
      <p class="value" part="value">${this.format(value, def.kind)}</p>
      ${value === null
        ? html`<p class="muted">${def.isChange ? 'No revenue in the previous period to compare with.' : 'Not defined for this period (nothing to divide by).'}</p>`
        : nothing}
      ${def.isChange
        ? html`<p class="change muted" part="change">vs ${this.fmt.date(summary.previousRange.from)} – ${this.fmt.date(summary.previousRange.to)}</p>`
        : change
        ? this.renderChange(def.better, change, summary)
        : this.previousTask.status === TaskStatus.PENDING
          ? html`<p class="change muted" part="change">Comparing with the previous period…</p>`
          : html`<p class="change muted" part="change">No earlier period to compare with.</p>`}
      ${def.daily && days > 1 ? this.renderTrend(label(def), summary.daily, def.daily, def.kind) : html`<div class="trend" aria-hidden="true"></div>`}
    `;
    function label(d: { label: string }) {
      return d.label;
    }
  }

  private renderChange(better: 'higher' | 'lower' | 'neutral', change: { value: number; unit: 'percent' | 'points' }, summary: SummaryResponse) {
    const direction = Math.abs(change.value) < 0.05 ? 'flat' : change.value > 0 ? 'up' : 'down';
    const good = better === 'neutral' || direction === 'flat' ? 'neutral' : (direction === 'up') === (better === 'higher') ? 'positive' : 'negative';
    const text = change.unit === 'points' ? this.fmt.points(change.value) : this.fmt.signedPercent(change.value);
    const arrow =
      direction === 'up'
        ? svg`<path d="M10 4l6 7h-4v5H8v-5H4z"/>`
        : direction === 'down'
          ? svg`<path d="M10 16l-6-7h4V4h4v5h4z"/>`
          : svg`<path d="M3 9h14v2H3z"/>`;
    const words = direction === 'flat' ? 'unchanged' : direction === 'up' ? 'up' : 'down';
    const prev = summary.previousRange;
    return html`<p class="change" part="change">
      <span class="delta ${good}"><svg class="icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">${arrow}</svg>
        <span class="sr-only">${words}</span>${text}</span>
      <span class="muted">vs ${this.fmt.date(prev.from)} – ${this.fmt.date(prev.to)}</span>
    </p>`;
  }

  private renderTrend(label: string, daily: DailyPoint[], pick: (d: DailyPoint) => number | null, kind: KpiKind) {
    const values = daily.map(pick);
    const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (known.length < 2) return html`<div class="trend" aria-hidden="true"></div>`;
    const min = Math.min(...known);
    const max = Math.max(...known);
    const span = max - min || 1;
    const points = values
      .map((v, i) => (v === null || !Number.isFinite(v) ? null : `${((i / (values.length - 1)) * 100).toFixed(2)},${(30 - ((v - min) / span) * 28 - 1).toFixed(2)}`))
      .filter(Boolean)
      .join(' ');
    const first = known[0]!;
    const last = known[known.length - 1]!;
    const description = `Daily ${label.toLowerCase()} over ${daily.length} days, from ${this.format(first, kind)} to ${this.format(last, kind)} (low ${this.format(min, kind)}, high ${this.format(max, kind)}).`;
    return html`<svg class="trend" part="trend" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label=${description}>
      <polyline points=${points}></polyline>
    </svg>`;
  }
}
