import type { Recommendation, RecommendationsResponse } from '@retailmind/sdk';
import { html, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { shared } from '../context/shared.js';
import { RmActionEvent } from '../events/events.js';
import { recommendationsStyles } from './recommendations.styles.js';

type Action = Recommendation['action'];

const ACTION: Record<Action, { label: string; button: string; icon: ReturnType<typeof svg> }> = {
  pause: { label: 'Pause', button: 'Pause campaign', icon: svg`<path d="M6 4h3v12H6zm5 0h3v12h-3z"/>` },
  scale: { label: 'Scale', button: 'Scale budget', icon: svg`<path d="M10 3l6 7h-4v7H8v-7H4z"/>` },
  monitor: { label: 'Monitor', button: 'Watch campaign', icon: svg`<path d="M10 5C5.5 5 2 10 2 10s3.5 5 8 5 8-5 8-5-3.5-5-8-5zm0 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6z"/>` },
  alert: { label: 'Alert', button: 'Review spend', icon: svg`<path d="M10 2 1 18h18L10 2zm-1 6h2v5H9V8zm0 6h2v2H9v-2z"/>` },
};

/**
 * The engine's recommendations as action cards (Pause, Scale, Monitor, Alert), each with its
 * reason, the evidence behind it and the expected impact. Each card's button fires `rm-action`
 * so the host can carry it out; the element changes nothing itself. Refreshes live on the
 * `recommendations` topic when the server offers it.
 *
 * @summary Recommendation cards.
 * @csspart card - The outer card.
 * @csspart item - Each recommendation card.
 * @csspart badge - Each action badge.
 * @csspart action - Each action button.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @fires rm-action - The user chose a card's action; `detail: { action, campaignId, recommendation }`.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmRecommendations extends RmElement {
  static override styles = [...RmElement.styles, recommendationsStyles];

  /** How many cards to show before "Show all". */
  @property({ type: Number }) limit = 6;
  /** Overrides the title. */
  @property() label?: string;

  @state() private expanded = false;

  protected override liveTopic = 'recommendations';

  protected readonly task = this.dataTask({
    task: async ([client, queryKey], { signal }): Promise<RecommendationsResponse> => {
      const c = this.requireClient(client);
      const query = JSON.parse(queryKey) as Parameters<typeof c.recommendations>[0];
      return shared(c, `recommendations:${queryKey}`, (s) => c.recommendations(query, { signal: s }), signal);
    },
    args: () => {
      const { campaign: _c, ...q } = this.rangeQuery() as Record<string, unknown>;
      return [this.dataClient, JSON.stringify(q)] as const;
    },
  });

  protected override render() {
    const title = this.label ?? 'Recommendations';
    return html`<section class="card" part="card" aria-label=${title}>
      <p class="title">${title}</p>
      ${this.renderData<RecommendationsResponse>('recommendations', (data) => this.renderList(data), {
        isEmpty: (d) => d.recommendations.length === 0,
        empty: 'Nothing to act on: every campaign is within its thresholds.',
        skeleton: ['35%', '100%', '90%', '35%', '100%', '90%'],
      })}
    </section>`;
  }

  private renderList(data: RecommendationsResponse) {
    const all = data.recommendations;
    const shown = this.expanded ? all : all.slice(0, Math.max(1, this.limit));
    return html`<ul class="list">
        ${shown.map((r) => html`<li>${this.renderCard(r)}</li>`)}
      </ul>
      ${all.length > shown.length || this.expanded
        ? html`<div class="more">
            <button type="button" aria-expanded=${this.expanded ? 'true' : 'false'} @click=${() => (this.expanded = !this.expanded)}>
              ${this.expanded ? 'Show fewer' : `Show all ${all.length}`}
            </button>
          </div>`
        : nothing}`;
  }

  private renderCard(r: Recommendation) {
    const f = this.fmt;
    const a = ACTION[r.action];
    const impact = r.expectedImpact;
    const headingId = `rec-${r.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    const evidence = Object.entries(r.evidence).slice(0, 12);
    return html`<article part="item" aria-labelledby=${headingId}>
      <div class="meta">
        <span class="badge ${r.action}" part="badge">
          <svg class="icon" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">${a.icon}</svg>${a.label}
        </span>
        <span class="muted">${r.priority} priority · ${f.fraction(r.confidence)} confidence</span>
      </div>
      <h3 id=${headingId}>${r.campaignName}</h3>
      <p class="muted">${r.channel} · ${r.segment}</p>
      <p class="reason">${r.reason}</p>
      <dl>
        <div><dt>Spend change</dt><dd>${signed(f.money(impact.spendDelta), impact.spendDelta)}</dd></div>
        <div><dt>Revenue change</dt><dd>${signed(f.money(impact.revenueDelta), impact.revenueDelta)}</dd></div>
        <div><dt>ROI after</dt><dd>${f.fraction(impact.roiAfter)}</dd></div>
      </dl>
      ${evidence.length
        ? html`<details>
            <summary>Evidence</summary>
            <dl>
              ${evidence.map(([k, v]) => html`<div><dt>${k}</dt><dd>${typeof v === 'number' ? v.toLocaleString(this.settings.locale, { maximumFractionDigits: 4 }) : (v ?? '—')}</dd></div>`)}
            </dl>
          </details>`
        : nothing}
      <div class="actions">
        <button type="button" class="primary" part="action" aria-describedby=${headingId} @click=${() => this.act(r)}>${a.button}</button>
      </div>
    </article>`;
  }

  private act(r: Recommendation) {
    this.dispatchEvent(new RmActionEvent({ action: r.action, campaignId: r.campaignId, recommendation: r }));
  }
}

function signed(text: string, value: number): string {
  return value > 0 && !text.startsWith('+') ? `+${text}` : text;
}
