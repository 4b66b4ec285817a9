import type { CampaignHealth, CampaignHealthResponse, HealthStatus } from '@retailmind/sdk';
import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { shared } from '../context/shared.js';
import { healthTableStyles } from './health-table.styles.js';

type SortKey = 'campaignName' | 'channel' | 'segment' | 'status' | 'score' | 'roi' | 'conversionRate' | 'conversionTrendPct' | 'pacingPct' | 'recentAnomalies';
type Direction = 'ascending' | 'descending';

const STATUS_ORDER: Record<HealthStatus, number> = { critical: 0, attention: 1, healthy: 2 };
const STATUS_LABEL: Record<HealthStatus, string> = { healthy: 'Healthy', attention: 'Needs attention', critical: 'Critical' };
const STATUS_ICON: Record<HealthStatus, ReturnType<typeof svg>> = {
  healthy: svg`<path d="M8 13.2 4.8 10l-1.4 1.4L8 16 17 7l-1.4-1.4z"/>`,
  attention: svg`<path d="M9 4h2v8H9zm0 10h2v2H9z"/>`,
  critical: svg`<path d="M5.4 4 4 5.4 8.6 10 4 14.6 5.4 16l4.6-4.6 4.6 4.6 1.4-1.4L11.4 10 16 5.4 14.6 4 10 8.6z"/>`,
};

/**
 * Campaign health as a real table: status badges with an icon and words as well as colour,
 * columns sortable with the keyboard (buttons in the headers, `aria-sort` on the sorted one),
 * a status filter, and the reasons behind each status. Narrow containers drop the secondary
 * columns. Refreshes live on the `health` topic when the server offers it.
 *
 * @summary Campaign health table.
 * @csspart card - The card.
 * @csspart filters - The status filter buttons.
 * @csspart table - The table.
 * @csspart badge - Each status badge.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmHealthTable extends RmElement {
  static override styles = [...RmElement.styles, healthTableStyles];

  /** Show only these statuses (comma-separated: `critical,attention`); all when empty. The user can change it. */
  @property() status?: string;
  /** Column the table is sorted on first. */
  @property({ attribute: 'sort-by' }) sortBy: SortKey = 'status';
  /** Direction of the first sort. */
  @property({ attribute: 'sort-direction' }) sortDirection: Direction = 'ascending';
  /** Overrides the title. */
  @property() label?: string;

  @state() private filter: Set<HealthStatus> | undefined;

  protected override liveTopic = 'health';

  protected readonly task = this.dataTask({
    task: async ([client, queryKey], { signal }): Promise<CampaignHealthResponse> => {
      const c = this.requireClient(client);
      const query = JSON.parse(queryKey) as Parameters<typeof c.campaignHealth>[0];
      return shared(c, `health:${queryKey}`, (s) => c.campaignHealth(query, { signal: s }), signal);
    },
    args: () => {
      const { channel, segment } = this.rangeQuery();
      return [this.dataClient, JSON.stringify({ ...(channel ? { channel } : {}), ...(segment ? { segment } : {}) })] as const;
    },
  });

  private get activeFilter(): Set<HealthStatus> {
    if (this.filter) return this.filter;
    const list = (this.status ?? '').split(',').map((s) => s.trim()).filter((s): s is HealthStatus => s in STATUS_ORDER);
    return new Set(list);
  }

  private toggleFilter(status: HealthStatus | 'all') {
    if (status === 'all') this.filter = new Set();
    else {
      const next = new Set(this.activeFilter);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      this.filter = next;
    }
  }

  private sort(key: SortKey) {
    if (this.sortBy === key) this.sortDirection = this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    else {
      this.sortBy = key;
      this.sortDirection = key === 'campaignName' || key === 'channel' || key === 'segment' || key === 'status' ? 'ascending' : 'descending';
    }
  }

  private sorted(rows: CampaignHealth[]): CampaignHealth[] {
    const key = this.sortBy;
    const sign = this.sortDirection === 'ascending' ? 1 : -1;
    const value = (r: CampaignHealth): string | number | null => (key === 'status' ? STATUS_ORDER[r.status] * 1000 + r.score : r[key]);
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // missing values last, either way
      const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return order * sign || a.campaignName.localeCompare(b.campaignName);
    });
  }

  protected override render() {
    const title = this.label ?? 'Campaign health';
    return html`<section class="card" part="card" aria-label=${title}>
      <p class="title">${title}</p>
      ${this.renderData<CampaignHealthResponse>('campaign health', (data) => this.renderTable(title, data), {
        isEmpty: (d) => d.campaigns.length === 0,
        empty: 'No campaigns ran in the health window.',
        skeleton: ['50%', '100%', '100%', '100%', '100%', '100%'],
      })}
    </section>`;
  }

  private header(key: SortKey, label: string, className = '') {
    const sorted = this.sortBy === key;
    const icon = !sorted
      ? svg`<path d="M10 3 6 8h8zm0 14 4-5H6z"/>`
      : this.sortDirection === 'ascending'
        ? svg`<path d="M10 4 5 11h10z"/>`
        : svg`<path d="M10 16 5 9h10z"/>`;
    return html`<th scope="col" class=${className} aria-sort=${sorted ? this.sortDirection : 'none'}>
      <button type="button" @click=${() => this.sort(key)}>
        ${label}<svg class="sort-icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">${icon}</svg>
      </button>
    </th>`;
  }

  private renderTable(title: string, data: CampaignHealthResponse) {
    const filter = this.activeFilter;
    const rows = this.sorted(data.campaigns.filter((c) => filter.size === 0 || filter.has(c.status)));
    const f = this.fmt;
    const statuses: HealthStatus[] = ['critical', 'attention', 'healthy'];
    return html`
      <fieldset class="filters" part="filters">
        <legend>Show</legend>
        <button type="button" aria-pressed=${filter.size === 0 ? 'true' : 'false'} @click=${() => this.toggleFilter('all')}>
          All ${data.campaigns.length}
        </button>
        ${statuses.map(
          (s) => html`<button type="button" aria-pressed=${filter.has(s) ? 'true' : 'false'} @click=${() => this.toggleFilter(s)}>
            ${STATUS_LABEL[s]} ${data.counts[s]}
          </button>`,
        )}
      </fieldset>
      <div class="scroll" role="region" aria-label=${`${title} table`} tabindex="0">
        <table part="table">
          <caption class="sr-only">
            ${title}, ${f.date(data.range.from)} – ${f.date(data.range.to)}; ${rows.length} of ${data.campaigns.length} campaigns
          </caption>
          <thead>
            <tr>
              ${this.header('campaignName', 'Campaign')} ${this.header('channel', 'Channel', 'col-channel')}
              ${this.header('segment', 'Segment', 'col-segment')} ${this.header('status', 'Status')}
              ${this.header('score', 'Score', 'num')} ${this.header('roi', 'ROI', 'num')}
              ${this.header('conversionRate', 'Conv. rate', 'num col-conversion')}
              ${this.header('conversionTrendPct', 'Conv. trend', 'num col-trend')}
              ${this.header('pacingPct', 'Pacing', 'num col-pacing')}
              ${this.header('recentAnomalies', 'Anomalies', 'num col-anomalies')}
            </tr>
          </thead>
          <tbody>
            ${rows.length === 0
              ? html`<tr><td colspan="10" class="muted">No campaigns with this status.</td></tr>`
              : rows.map(
                  (r) => html`<tr>
                    <th scope="row"><span class="name">${r.campaignName}</span>${r.reasons[0] ? html`<span class="reason">${r.reasons.join(' ')}</span>` : nothing}</th>
                    <td class="col-channel">${r.channel}</td>
                    <td class="col-segment">${r.segment}</td>
                    <td>
                      <span class="badge ${r.status}" part="badge">
                        <svg class="icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">${STATUS_ICON[r.status]}</svg>
                        ${STATUS_LABEL[r.status]}
                      </span>
                    </td>
                    <td class="num">${r.score}</td>
                    <td class="num">${f.fraction(r.roi)}</td>
                    <td class="num col-conversion">${f.fraction(r.conversionRate)}</td>
                    <td class="num col-trend">${f.signedPercent(r.conversionTrendPct)}</td>
                    <td class="num col-pacing">${f.percent(r.pacingPct)}</td>
                    <td class="num col-anomalies">${r.recentAnomalies}</td>
                  </tr>`,
                )}
          </tbody>
        </table>
      </div>
    `;
  }
}
