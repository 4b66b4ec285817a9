import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { errorKind } from '../base/states.js';
import { RmExportEvent } from '../events/events.js';
import { figureKind, type ExportView, type ReportAudience, type ReportHighlight, type ReportResponse } from '@retailmind/sdk';
import { reportStyles } from './report.styles.js';

type Report = ReportResponse;


/**
 * The period's report: its narrative (always text, never HTML), highlights and recommendations,
 * with Export PDF and Export CSV buttons. The audience follows the viewer's role unless set.
 * Export fires a cancelable `rm-export` first; unless the host cancels it, the element downloads
 * the file itself. Leadership has no export (the server refuses it), so the buttons are not shown.
 *
 * @summary Narrative report with exports.
 * @csspart card - The card.
 * @csspart narrative - The narrative.
 * @csspart highlights - The highlight list.
 * @csspart export-pdf - The Export PDF button.
 * @csspart export-csv - The Export CSV button.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @fires rm-export - The user asked for an export; `detail: { format, view, from, to }`; cancelable.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmReport extends RmElement {
  static override styles = [...RmElement.styles, reportStyles];

  /** `manager`, `analyst` or `leadership`; defaults to the viewer's role (the server gives leadership only its own). */
  @property() audience?: ReportAudience;
  /** Which view the exports hold: `report` (default), `campaigns`, `channels`, `anomalies`, `recommendations`. */
  @property() view: ExportView = 'report';

  @state() private exporting: 'pdf' | 'csv' | undefined;
  @state() private exportMessage = '';

  protected override liveTopic = 'summary';

  protected readonly task = this.dataTask({
    task: async ([client, from, to, audience], { signal }): Promise<Report> =>
      this.requireClient(client).report({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(audience ? { audience } : {}) }, { signal }),
    args: () => {
      const s = this.settings;
      return [this.dataClient, s.from, s.to, this.audience ?? s.role] as const;
    },
  });

  protected override render() {
    return html`<section class="card" part="card" aria-label="Report">
      ${this.renderData<Report>('the report', (r) => this.renderReport(r), {
        isEmpty: (r) => !r.narrative && r.highlights.length === 0,
        empty: 'No report for this period: there is no data in it.',
        skeleton: ['50%', '100%', '95%', '90%', '70%'],
      })}
    </section>`;
  }

  /** A highlight's value, written by what its fact is (`totals.roi`, `channels.Social.revenueChangePct`, …). */
  private highlight(h: ReportHighlight): string {
    const f = this.fmt;
    switch (figureKind(h.metric)) {
      case 'percent':
        return f.percent(h.value);
      case 'points':
        return f.points(h.value * 100);
      case 'fraction':
        return f.fraction(h.value);
      case 'multiple':
        return f.multiple(h.value);
      case 'count':
        return f.count(h.value);
      case 'money':
        return f.money(h.value);
    }
  }

  private renderReport(r: Report) {
    const f = this.fmt;
    const period = `${f.date(r.period.from)} – ${f.date(r.period.to)}`;
    const canExport = this.viewerRole !== 'leadership';
    return html`
      <div class="head">
        <div>
          <h2>${r.title}</h2>
          <p class="muted">${period} · for ${r.audience} · written ${r.generatedBy === 'openai' ? `by ${r.model ?? 'the language model'}, checked against the figures` : 'from the figures'}</p>
        </div>
        ${canExport
          ? html`<div class="buttons">
              <button type="button" part="export-pdf" ?disabled=${this.exporting !== undefined} @click=${() => void this.export('pdf')}>Export PDF</button>
              <button type="button" part="export-csv" ?disabled=${this.exporting !== undefined} @click=${() => void this.export('csv')}>Export CSV</button>
            </div>`
          : nothing}
      </div>
      ${canExport ? html`<p class="export-status" role="status" aria-live="polite">${this.exportMessage}</p>` : nothing}
      ${r.highlights.length
        ? html`<ul class="highlights" part="highlights">
            ${r.highlights.map((h) => html`<li><span class="muted">${h.text}</span><strong>${this.highlight(h)}</strong></li>`)}
          </ul>`
        : nothing}
      <div class="narrative" part="narrative">${r.narrative.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>
      ${r.recommendations.length
        ? html`<div><h3>Recommended next steps</h3><ol>${r.recommendations.map((x) => html`<li>${x}</li>`)}</ol></div>`
        : nothing}
      ${r.warnings.length ? html`<div class="warnings muted"><h3>Notes</h3>${r.warnings.map((w) => html`<p>${w}</p>`)}</div>` : nothing}
    `;
  }

  private async export(format: 'pdf' | 'csv') {
    const s = this.settings;
    const event = new RmExportEvent({ format, view: this.view, from: s.from, to: s.to });
    if (!this.dispatchEvent(event)) return; // the host handles it
    const client = this.dataClient;
    if (!client) return;
    this.exporting = format;
    this.exportMessage = `Preparing the ${format.toUpperCase()}…`;
    try {
      const file = await this.callApi(() => client.export({ format, view: this.view, ...(s.from ? { from: s.from } : {}), ...(s.to ? { to: s.to } : {}) }));
      const url = URL.createObjectURL(file);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name || `retailmind-${this.view}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.exportMessage = `${format.toUpperCase()} downloaded.`;
    } catch (error) {
      const kind = errorKind(error);
      this.exportMessage =
        kind === 'forbidden'
          ? 'Exports are not available for your role.'
          : kind === 'auth'
            ? 'Your session has ended. Sign in again to export.'
            : kind === 'unavailable'
              ? 'Exports are not available on this server yet.'
              : `The ${format.toUpperCase()} export failed. Try again.`;
    } finally {
      this.exporting = undefined;
    }
  }
}
