import type { ChannelSummary, SummaryResponse } from '@retailmind/sdk';
import type { Chart as ChartType } from 'chart.js';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { shared } from '../context/shared.js';
import { channelChartStyles } from './channel-chart.styles.js';

/** The channel figures `<rm-channel-chart>` compares. */
export const CHANNEL_METRICS = {
  revenue: { label: 'Revenue', kind: 'money' },
  spend: { label: 'Spend', kind: 'money' },
  roi: { label: 'ROI', kind: 'fraction' },
  roas: { label: 'ROAS', kind: 'multiple' },
  contributionPct: { label: 'Contribution to revenue', kind: 'percent' },
  conversionRate: { label: 'Conversion rate', kind: 'fraction' },
  budgetUtilizationPct: { label: 'Budget used', kind: 'percent' },
} as const satisfies Partial<Record<keyof ChannelSummary, { label: string; kind: string }>>;

export type ChannelMetric = keyof typeof CHANNEL_METRICS;

let chartModule: Promise<typeof import('./chart-parts.js')> | undefined;
/** Chart.js, loaded on first use. */
const loadChart = () => (chartModule ??= import('./chart-parts.js'));

/**
 * Compares channels on one figure (revenue, spend, ROI, ROAS, contribution, conversion rate,
 * budget used) as a bar chart. Chart.js is loaded when the first chart renders, with only the
 * parts a bar chart needs. The same figures are in a table for screen readers (and in the
 * chart's label). Refreshes live on the `summary` topic.
 *
 * @summary Channel comparison chart.
 * @csspart card - The card.
 * @csspart chart - The canvas box.
 * @csspart table - The data table behind the chart (visually hidden).
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @cssproperty --rm-chart-height - Height of the chart (default 14rem).
 * @cssproperty --rm-color-chart - Colour of the bars.
 * @cssproperty --rm-color-chart-negative - Colour of negative bars (e.g. ROI below zero).
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmChannelChart extends RmElement {
  static override styles = [...RmElement.styles, channelChartStyles];

  /** The figure to compare: `revenue` (default), `spend`, `roi`, `roas`, `contributionPct`, `conversionRate`, `budgetUtilizationPct`. */
  @property({ reflect: true }) metric: string = 'revenue';
  /** Overrides the title. */
  @property() label?: string;

  protected override liveTopic = 'summary';
  private chart: ChartType | undefined;

  protected readonly task = this.dataTask({
    task: async ([client, queryKey], { signal }): Promise<SummaryResponse> => {
      const c = this.requireClient(client);
      const query = JSON.parse(queryKey) as Parameters<typeof c.dashboardSummary>[0];
      const [summary] = await Promise.all([
        shared(c, `summary:${queryKey}`, (s) => c.dashboardSummary(query, { signal: s }), signal),
        loadChart(),
      ]);
      return summary;
    },
    args: () => [this.dataClient, JSON.stringify(this.rangeQuery())] as const,
  });

  private get metricKey(): ChannelMetric {
    return Object.hasOwn(CHANNEL_METRICS, this.metric) ? (this.metric as ChannelMetric) : 'revenue';
  }

  private format(value: number | null): string {
    const kind = CHANNEL_METRICS[this.metricKey].kind;
    const f = this.fmt;
    return kind === 'money' ? f.money(value) : kind === 'fraction' ? f.fraction(value) : kind === 'percent' ? f.percent(value) : f.multiple(value);
  }

  private rows(summary: SummaryResponse) {
    const key = this.metricKey;
    return [...summary.channels]
      .map((c) => ({ channel: c.channel, value: c[key] }))
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  }

  protected override render() {
    const title = this.label ?? `${CHANNEL_METRICS[this.metricKey].label} by channel`;
    return html`<section class="card" part="card" aria-label=${title}>
      <div class="head"><p class="title">${title}</p></div>
      ${this.renderData<SummaryResponse>(
        'the channel comparison',
        (summary) => {
          const rows = this.rows(summary);
          const description = `${title}: ${rows.map((r) => `${r.channel} ${this.format(r.value)}`).join(', ')}.`;
          return html`<div class="canvas-box" part="chart">
              <canvas role="img" aria-label=${description}></canvas>
            </div>
            <div class="sr-only"><table part="table">
              <caption>${title}, ${this.fmt.date(summary.range.from)} – ${this.fmt.date(summary.range.to)}</caption>
              <thead><tr><th scope="col">Channel</th><th scope="col">${CHANNEL_METRICS[this.metricKey].label}</th></tr></thead>
              <tbody>${rows.map((r) => html`<tr><th scope="row">${r.channel}</th><td>${this.format(r.value)}</td></tr>`)}</tbody>
            </table></div>`;
        },
        { isEmpty: (s) => s.channels.length === 0, empty: 'No channel data for this period.', skeleton: ['30%', '90%', '75%', '60%', '45%'] },
      )}
    </section>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const summary = this.task.value;
    const canvas = this.renderRoot.querySelector('canvas');
    if (!summary || !canvas) {
      this.destroyChart();
      return;
    }
    void loadChart().then(({ barChart }) => this.draw(barChart(), canvas, summary));
  }

  private draw(Chart: typeof ChartType, canvas: HTMLCanvasElement, summary: SummaryResponse) {
    if (!canvas.isConnected) return;
    const rows = this.rows(summary);
    const style = getComputedStyle(this);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const bar = color('--_chart', '#2563eb');
    const negative = color('--_chart-negative', '#dc2626');
    const text = color('--_text-muted', '#4b5563');
    const grid = color('--_border', '#d1d5db');
    const labels = rows.map((r) => r.channel);
    const data = rows.map((r) => r.value ?? 0);
    const colors = data.map((v) => (v < 0 ? negative : bar));
    const font = { family: style.fontFamily, size: 12 };
    if (this.chart && this.chart.canvas !== canvas) this.destroyChart();
    if (this.chart) {
      this.chart.data.labels = labels;
      this.chart.data.datasets[0]!.data = data;
      this.chart.data.datasets[0]!.backgroundColor = colors;
      // The theme may have changed since the chart was made (a dark-mode toggle): its colours follow.
      const { x, y } = this.chart.options.scales as { x: { ticks: { color: string }; grid: { color: string } }; y: { ticks: { color: string } } };
      x.ticks.color = text;
      x.grid.color = grid;
      y.ticks.color = text;
      this.chart.update();
      return;
    }
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets: [{ data, backgroundColor: colors, borderRadius: 4, maxBarThickness: 28 }] },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 250 },
        // Takes effect only where the page registers Chart.js's Tooltip itself: it costs 5 KB gzip, so chart-parts leaves it out.
        plugins: { tooltip: { callbacks: { label: (item) => this.format(item.parsed.x ?? null) } } },
        scales: {
          x: { ticks: { color: text, font, callback: (v) => this.format(Number(v)) }, grid: { color: grid } },
          y: { ticks: { color: text, font }, grid: { display: false } },
        },
      },
    });
  }

  private destroyChart() {
    this.chart?.destroy();
    this.chart = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyChart();
  }
}
