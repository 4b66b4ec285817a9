import { projectAllocation, type BudgetSimulateResponse, type ChannelCurve, type ResponseCurvesResponse } from '@retailmind/sdk';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { RmElement } from '../base/element.js';
import { errorKind, STATE_ICONS } from '../base/states.js';
import { RmScenarioChangeEvent, type RmScenarioChangeDetail } from '../events/events.js';
import { budgetSimStyles } from './budget-sim.styles.js';

/**
 * A what-if budget simulator: one slider per channel over the channel's spend for the horizon.
 * While a slider moves, the projection is computed at once in the browser from the channels'
 * fitted response curves (`GET /api/response-curves`) with the SDK's `projectAllocation`, the very
 * function the engine projects with; when it is released the engine's simulation
 * (`POST /api/budget-simulate`) confirms it. Optimize asks the engine for the best split of the
 * same total (`POST /api/budget-optimize`); Reset goes back to the current allocation.
 * Projections outside what a channel has ever spent are flagged.
 *
 * Sliders: arrows move 1 % of the range, Page Up/Down 10 %, Home/End to the ends; the track is
 * clickable and draggable; `aria-valuetext` speaks the amount in the currency.
 *
 * @summary Budget what-if simulator.
 * @csspart card - The card.
 * @csspart slider - Each slider.
 * @csspart thumb - Each slider's thumb.
 * @csspart totals - The projected totals.
 * @csspart optimize - The Optimize button.
 * @csspart reset - The Reset button.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart empty - The empty state.
 * @csspart forbidden - The "not available for your role" state.
 * @fires rm-scenario-change - The user changed the scenario; `detail: { allocations, cause, days }`.
 * @fires rm-auth-expired - A request failed for its credentials.
 */
export class RmBudgetSim extends RmElement {
  static override styles = [...RmElement.styles, budgetSimStyles];

  /** Overrides the title. */
  @property() label?: string;
  /** Delay (ms) between releasing a slider and asking the engine to confirm. */
  @property({ type: Number, attribute: 'confirm-delay' }) confirmDelay = 250;

  @state() private allocations = new Map<string, number>();
  @state() private confirmed: BudgetSimulateResponse | undefined;
  @state() private confirming = false;
  @state() private confirmError: unknown;
  @state() private optimizing = false;
  @state() private advice: string | undefined;

  private confirmTimer: ReturnType<typeof setTimeout> | undefined;
  private confirmAbort: AbortController | undefined;
  private dragging: { channel: string; slider: HTMLElement } | undefined;

  protected readonly task = this.dataTask({
    task: async ([client], { signal }): Promise<ResponseCurvesResponse> => {
      const curves = await this.requireClient(client).responseCurves(undefined, { signal });
      this.allocations = new Map(curves.channels.map((c) => [c.channel, c.currentSpend]));
      this.confirmed = undefined;
      this.advice = undefined;
      return curves;
    },
    args: () => [this.dataClient] as const,
  });

  /** The scenario now: each channel's spend over the horizon. */
  get scenario(): { channel: string; spend: number }[] {
    return [...this.allocations].map(([channel, spend]) => ({ channel, spend }));
  }

  private max(curve: ChannelCurve): number {
    const last = Math.max(0, ...curve.points.map((p) => p.spend));
    return niceCeil(Math.max(last, curve.currentSpend * 2, 100));
  }

  private step(curve: ChannelCurve): number {
    return this.max(curve) / 100;
  }

  // ---- changes ------------------------------------------------------------------------------

  private set(channel: string, spend: number) {
    const next = new Map(this.allocations);
    next.set(channel, Math.round(spend * 100) / 100);
    this.allocations = next;
    this.confirmed = undefined;
  }

  private commit(cause: RmScenarioChangeDetail['cause']) {
    const curves = this.task.value;
    if (!curves) return;
    this.dispatchEvent(new RmScenarioChangeEvent({ allocations: this.scenario, cause, days: curves.days }));
    clearTimeout(this.confirmTimer);
    this.confirmTimer = setTimeout(() => void this.confirm(), cause === 'slider' ? this.confirmDelay : 0);
  }

  private async confirm() {
    const client = this.dataClient;
    const curves = this.task.value;
    if (!client || !curves) return;
    this.confirmAbort?.abort();
    const abort = (this.confirmAbort = new AbortController());
    const allocations = this.scenario;
    this.confirming = true;
    this.confirmError = undefined;
    try {
      const result = await this.callApi(() => client.budgetSimulate({ allocations, days: curves.days }, { signal: abort.signal }));
      if (abort.signal.aborted) return;
      this.confirmed = result;
    } catch (error) {
      if (!abort.signal.aborted) this.confirmError = error;
    } finally {
      if (this.confirmAbort === abort) this.confirming = false;
    }
  }

  private async optimize() {
    const client = this.dataClient;
    const curves = this.task.value;
    if (!client || !curves) return;
    this.optimizing = true;
    this.advice = undefined;
    try {
      const total = this.scenario.reduce((n, a) => n + a.spend, 0);
      const result = await this.callApi(() => client.budgetOptimize({ totalBudget: total, days: curves.days }));
      this.allocations = new Map([...this.allocations.keys()].map((ch) => [ch, result.allocations.find((a) => a.channel === ch)?.spend ?? 0]));
      this.confirmed = undefined;
      this.advice = result.recommendation;
      this.commit('optimize');
    } catch (error) {
      this.confirmError = error;
    } finally {
      this.optimizing = false;
    }
  }

  private reset() {
    const curves = this.task.value;
    if (!curves) return;
    this.allocations = new Map(curves.channels.map((c) => [c.channel, c.currentSpend]));
    this.confirmed = undefined;
    this.advice = undefined;
    this.commit('reset');
  }

  // ---- slider input -------------------------------------------------------------------------

  private onKey(e: KeyboardEvent, curve: ChannelCurve) {
    const value = this.allocations.get(curve.channel) ?? 0;
    const step = this.step(curve);
    const max = this.max(curve);
    const moves: Record<string, number> = {
      ArrowRight: value + step,
      ArrowUp: value + step,
      ArrowLeft: value - step,
      ArrowDown: value - step,
      PageUp: value + step * 10,
      PageDown: value - step * 10,
      Home: 0,
      End: max,
    };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const clamped = Math.min(max, Math.max(0, e.key === 'Home' || e.key === 'End' ? next : Math.round(next / step) * step));
    if (clamped === value) return;
    this.set(curve.channel, clamped);
    this.commit('slider');
  }

  private valueAt(e: PointerEvent, slider: HTMLElement, curve: ChannelCurve): number {
    const rect = slider.getBoundingClientRect();
    const rtl = getComputedStyle(slider).direction === 'rtl';
    let t = rect.width ? (e.clientX - rect.left) / rect.width : 0;
    if (rtl) t = 1 - t;
    const step = this.step(curve);
    return Math.min(this.max(curve), Math.max(0, Math.round((t * this.max(curve)) / step) * step));
  }

  private onPointerDown(e: PointerEvent, curve: ChannelCurve) {
    if (e.button !== 0) return;
    const slider = e.currentTarget as HTMLElement;
    slider.focus();
    slider.setPointerCapture?.(e.pointerId);
    this.dragging = { channel: curve.channel, slider };
    this.set(curve.channel, this.valueAt(e, slider, curve));
  }

  private onPointerMove(e: PointerEvent, curve: ChannelCurve) {
    if (this.dragging?.channel !== curve.channel) return;
    this.set(curve.channel, this.valueAt(e, this.dragging.slider, curve));
  }

  private onPointerUp(e: PointerEvent, curve: ChannelCurve) {
    if (this.dragging?.channel !== curve.channel) return;
    this.dragging.slider.releasePointerCapture?.(e.pointerId);
    this.dragging = undefined;
    this.commit('slider');
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render() {
    const title = this.label ?? 'Budget simulator';
    return html`<section class="card" part="card" aria-label=${title}>
      <p class="title">${title}</p>
      ${this.renderData<ResponseCurvesResponse>('the budget simulator', (curves) => this.renderSim(curves), {
        isEmpty: (c) => c.channels.length === 0,
        empty: 'No channel has enough history for a response curve yet.',
        skeleton: ['45%', '100%', '100%', '100%', '100%', '60%'],
      })}
    </section>`;
  }

  private renderSim(curves: ResponseCurvesResponse) {
    const f = this.fmt;
    // The engine's own projection, so the estimate while dragging is the figure it will confirm.
    const fitted = new Map(curves.channels.map((c) => [c.channel, c.curve]));
    const at = (spendOf: (c: ChannelCurve) => number) =>
      projectAllocation(fitted, curves.channels.map((c) => ({ channel: c.channel, spend: spendOf(c) })), curves.days);
    const estimate = at((c) => this.allocations.get(c.channel) ?? c.currentSpend);
    const currentRevenue = at((c) => c.currentSpend).total.revenue;
    const engine = this.confirmed;
    const spend = estimate.total.spend;
    const revenue = engine?.totals.projectedRevenue ?? estimate.total.revenue;
    const low = engine?.totals.low ?? estimate.total.low;
    const high = engine?.totals.high ?? estimate.total.high;
    const roi = spend > 0 ? (revenue - spend) / spend : null;
    const status = this.confirming
      ? 'Estimate; the engine is confirming…'
      : engine
        ? 'Confirmed by the engine.'
        : this.confirmError
          ? errorKind(this.confirmError) === 'forbidden'
            ? 'The engine’s confirmation is not available for your role; showing the estimate.'
            : errorKind(this.confirmError) === 'auth'
              ? 'Estimate; your session has ended, so the engine could not confirm it.'
              : 'Estimate (the engine could not confirm it).'
          : 'Estimate from the response curves.';
    return html`
      <dl class="totals" part="totals">
        <div><dt>Total budget, ${curves.days} days</dt><dd>${f.money(spend)}</dd></div>
        <div><dt>Projected revenue</dt><dd><span class="figure">${f.money(revenue)}</span><span class="band">likely ${f.money(low)} – ${f.money(high)}</span></dd></div>
        <div><dt>Projected ROI</dt><dd>${f.fraction(roi)}</dd></div>
        <div><dt>Change in revenue</dt><dd>${signed(f.money(engine?.totals.revenueDelta ?? revenue - currentRevenue))}</dd></div>
      </dl>
      <p class="status" role="status" aria-live="polite">${status}</p>
      <ul class="rows">
        ${curves.channels.map((curve, i) => {
          const p = estimate.channels[i]!;
          const confirmed = engine?.channels.find((c) => c.channel === curve.channel);
          return this.renderRow(curve, p.spend, confirmed ?? { projectedRevenue: p.revenue, low: p.low, high: p.high, extrapolated: p.extrapolated });
        })}
      </ul>
      <div class="buttons">
        <button type="button" class="primary" part="optimize" ?disabled=${this.optimizing} @click=${() => void this.optimize()}>
          ${this.optimizing ? 'Optimizing…' : 'Optimize'}
        </button>
        <button type="button" part="reset" @click=${() => this.reset()}>Reset</button>
      </div>
      ${this.advice ? html`<p class="advice">${this.advice}</p>` : nothing}
    `;
  }

  private renderRow(curve: ChannelCurve, spend: number, projection: { projectedRevenue: number; low: number; high: number; extrapolated: boolean }) {
    const f = this.fmt;
    const max = this.max(curve);
    const pct = (v: number) => `${Math.min(100, Math.max(0, (v / max) * 100)).toFixed(2)}%`;
    const id = `ch-${curve.channel.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    const change = curve.currentSpend ? ((spend - curve.currentSpend) / curve.currentSpend) * 100 : null;
    return html`<li class="row">
      <span class="name" id=${id}>${curve.channel}</span>
      <div
        class="slider"
        part="slider"
        role="slider"
        tabindex="0"
        aria-labelledby=${id}
        aria-valuemin="0"
        aria-valuemax=${String(max)}
        aria-valuenow=${String(spend)}
        aria-valuetext=${`${f.money(spend, { compact: false })}, ${change === null ? 'no current spend' : `${f.signedPercent(change)} against now`}`}
        @keydown=${(e: KeyboardEvent) => this.onKey(e, curve)}
        @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, curve)}
        @pointermove=${(e: PointerEvent) => this.onPointerMove(e, curve)}
        @pointerup=${(e: PointerEvent) => this.onPointerUp(e, curve)}
        @pointercancel=${(e: PointerEvent) => this.onPointerUp(e, curve)}
      >
        <div class="track"><div class="fill" style="width:${pct(spend)}"></div></div>
        <div class="current" style="inset-inline-start:${pct(curve.currentSpend)}" title="Current spend"></div>
        <div class="thumb" part="thumb" style="inset-inline-start:${pct(spend)}"></div>
      </div>
      <div class="figures">
        <strong>${f.money(spend)}</strong>
        <span class="muted">${f.money(projection.projectedRevenue)} revenue (${f.money(projection.low)}–${f.money(projection.high)})</span>
      </div>
      ${projection.extrapolated
        ? html`<p class="note warning">${STATE_ICONS.alert}<span>Beyond what ${curve.channel} has spent: a wider, less certain projection.</span></p>`
        : nothing}
    </li>`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.confirmTimer);
    this.confirmAbort?.abort();
  }
}

function signed(text: string): string {
  return /^[-−+]/.test(text) || text === '—' || /^[^0-9]*0([.,]0+)?[^0-9]*$/.test(text) ? text : `+${text}`;
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `v`. */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
