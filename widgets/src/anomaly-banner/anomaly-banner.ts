import { TaskStatus } from '@lit/task';
import type { AnomaliesResponse, Anomaly } from '@retailmind/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { errorKind, STATE_ICONS } from '../base/states.js';
import { shared } from '../context/shared.js';
import { anomalyBannerStyles } from './anomaly-banner.styles.js';

const METRIC_LABEL: Record<Anomaly['metric'], string> = { spend: 'spend', clicks: 'clicks', conversionRate: 'conversion rate', revenue: 'revenue', cpa: 'cost per acquisition' };

/**
 * A red banner when the engine found anomalies in the range: how many, how many of high severity,
 * and a button that expands the list with each anomaly's explanation. Takes no room when there are
 * none (`data-state="none"` on the host). Refreshes live on the `anomalies` topic when the server offers it.
 *
 * @summary Anomaly banner.
 * @csspart banner - The banner.
 * @csspart toggle - The button that shows or hides the details.
 * @csspart details - The list of anomalies.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart forbidden - The "not available for your role" note.
 * @cssproperty --rm-color-alert-surface - Background of the banner.
 * @cssproperty --rm-color-alert-text - Text of the banner.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmAnomalyBanner extends RmElement {
  static override styles = [...RmElement.styles, anomalyBannerStyles];

  /** Only these severities (comma-separated `low,medium,high`); all when empty. */
  @property() severity?: string;
  /** Details open at first. */
  @property({ type: Boolean }) open = false;
  /** How many anomalies the details list at most. */
  @property({ type: Number }) limit = 10;

  @state() private expanded: boolean | undefined;

  protected override liveTopic = 'anomalies';

  protected readonly task = this.dataTask({
    task: async ([client, queryKey], { signal }): Promise<AnomaliesResponse> => {
      const c = this.requireClient(client);
      const query = JSON.parse(queryKey) as Parameters<typeof c.anomalies>[0];
      return shared(c, `anomalies:${queryKey}`, (s) => c.anomalies(query, { signal: s }), signal);
    },
    args: () => {
      const severity = (this.severity ?? '').split(',').map((s) => s.trim()).filter((s) => s === 'low' || s === 'medium' || s === 'high');
      return [this.dataClient, JSON.stringify({ ...this.rangeQuery(), ...(severity.length ? { severity } : {}) })] as const;
    },
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const data = this.task.value;
    const state = this.task.status === TaskStatus.ERROR ? (errorKind(this.task.error) === 'forbidden' ? 'forbidden' : 'error') : data === undefined ? 'loading' : data.count === 0 ? 'none' : 'some';
    if (this.dataset['state'] !== state) this.dataset['state'] = state;
  }

  protected override render() {
    const some = (this.task.value?.count ?? 0) > 0 && this.task.status !== TaskStatus.ERROR;
    return html`<div class=${some ? 'wrap' : 'wrap card quiet'}>
      ${this.renderData<AnomaliesResponse>('anomalies', (data) => (data.count === 0 ? nothing : this.renderBanner(data)), { skeleton: ['60%'] })}
    </div>`;
  }

  private renderBanner(data: AnomaliesResponse) {
    const f = this.fmt;
    const high = data.anomalies.filter((a) => a.severity === 'high').length;
    const open = this.expanded ?? this.open;
    const shown = data.anomalies.slice(0, Math.max(1, this.limit));
    return html`<section class="banner" part="banner" role="region" aria-label="Anomalies">
      <div class="head">
        <p>
          ${STATE_ICONS.alert}
          <span>
            ${data.count} ${data.count === 1 ? 'anomaly' : 'anomalies'} between ${f.date(data.range.from)} and ${f.date(data.range.to)}${high
              ? html`, ${high} of high severity`
              : nothing}
          </span>
        </p>
        <button type="button" part="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="details" @click=${() => (this.expanded = !open)}>
          ${open ? 'Hide details' : 'Show details'}
        </button>
      </div>
      <ul id="details" part="details" ?hidden=${!open}>
        ${shown.map(
          (a) => html`<li>
            <strong>${a.campaignName}: ${METRIC_LABEL[a.metric]} ${a.direction} · <span class="sev">${a.severity}</span> severity</strong>
            ${f.date(a.date)}${a.kind === 'shift' ? html` – ${f.date(a.endDate)} (${a.days} days)` : nothing} · ${a.channel} · ${a.segment}
            <br />${a.explanation}
          </li>`,
        )}
        ${data.count > shown.length ? html`<li>And ${data.count - shown.length} more.</li>` : nothing}
      </ul>
    </section>`;
  }
}

