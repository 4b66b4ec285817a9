import { createFakeClient, type FakeClientOptions } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { RmAuthExpiredEvent, RmScenarioChangeEvent } from '../events/events.js';
import { formatter } from '../format/format.js';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmBudgetSim } from './budget-sim.js';

afterEach(cleanup);

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sim(options: FakeClientOptions = {}) {
  const client = createFakeClient({ synthetic: true, ...options });
  const { el, host } = await mount<RmBudgetSim>('<rm-budget-sim confirm-delay="0"></rm-budget-sim>', 'rm-budget-sim', { client });
  const events: RmScenarioChangeEvent[] = [];
  host.addEventListener('rm-scenario-change', (e) => events.push(e));
  const slider = shadow(el).querySelector<HTMLElement>('[role=slider]')!;
  const revenue = () => shadow(el).querySelector('[part=totals] .figure')!.textContent;
  return { el, client, host, events, slider, revenue };
}

describe('<rm-budget-sim>', () => {
  it('has one labelled slider per channel, speaking amounts in the currency', async () => {
    const { el, slider } = await sim();
    const sliders = shadow(el).querySelectorAll('[role=slider]');
    expect(sliders.length).toBe(6);
    expect(slider.getAttribute('aria-valuetext')).toMatch(/^\$[\d,]+(\.\d+)?, \+?0% against now$/);
    expect(shadow(el).getElementById(slider.getAttribute('aria-labelledby')!)?.textContent).toBeTruthy();
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('moves with arrows, Page Up/Down, Home and End; projects at once, then the engine confirms', async () => {
    const { el, slider, events, client, revenue } = await sim();
    const max = Number(slider.getAttribute('aria-valuemax'));
    const now = () => Number(slider.getAttribute('aria-valuenow'));
    const start = now();
    const before = revenue();
    slider.focus();
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    expect(now()).toBeCloseTo(Math.round((start + max / 100) / (max / 100)) * (max / 100), 2);
    expect(revenue()).not.toBe(before); // projected instantly from the curve
    expect(events).toHaveLength(1);
    expect(events[0]!.detail.cause).toBe('slider');
    const afterOne = now();
    await userEvent.keyboard('{PageUp}');
    await el.updateComplete;
    expect(now()).toBeCloseTo(afterOne + max / 10, 2);
    await userEvent.keyboard('{PageDown}{ArrowLeft}{ArrowDown}');
    await el.updateComplete;
    expect(now()).toBeCloseTo(afterOne - (2 * max) / 100, 2);
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(now()).toBe(max);
    await userEvent.keyboard('{Home}');
    await el.updateComplete;
    expect(now()).toBe(0);
    expect(events.map((e) => e.detail.cause)).toEqual(['slider', 'slider', 'slider', 'slider', 'slider', 'slider', 'slider']);
    expect(events.at(-1)!.detail.allocations[0]!.spend).toBe(0);
    // Home at 0 again changes nothing and fires nothing
    await userEvent.keyboard('{Home}');
    expect(events).toHaveLength(7);
    await wait(30);
    await el.updateComplete;
    expect(client.fake.calls.filter((c) => c.path === '/api/budget-simulate').length).toBeGreaterThan(0);
    expect(shadow(el).querySelector('[role=status]')?.textContent).toMatch(/Confirmed by the engine/);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('sets the value where the track is clicked', async () => {
    const { el, slider, events } = await sim();
    const rect = slider.getBoundingClientRect();
    await userEvent.click(slider, { position: { x: Math.round(rect.width * 0.75), y: Math.round(rect.height / 2) } });
    await el.updateComplete;
    const max = Number(slider.getAttribute('aria-valuemax'));
    expect(Number(slider.getAttribute('aria-valuenow')) / max).toBeGreaterThan(0.7);
    expect(Number(slider.getAttribute('aria-valuenow')) / max).toBeLessThan(0.8);
    expect(events).toHaveLength(1);
  });

  it('optimizes and resets, one event each', async () => {
    const { el, events, client, slider } = await sim();
    const start = slider.getAttribute('aria-valuenow');
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=optimize]')!);
    await wait(30);
    await el.updateComplete;
    expect(client.fake.calls.some((c) => c.path === '/api/budget-optimize')).toBe(true);
    expect(events.map((e) => e.detail.cause)).toEqual(['optimize']);
    expect(shadow(el).querySelector('.advice')?.textContent).toBeTruthy();
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=reset]')!);
    await el.updateComplete;
    expect(events.map((e) => e.detail.cause)).toEqual(['optimize', 'reset']);
    expect(slider.getAttribute('aria-valuenow')).toBe(start);
  });

  it('asks for the curves without a stray query, and projects while dragging with the engine\'s own math', async () => {
    const { el, slider, client, revenue } = await sim();
    expect(client.fake.calls.find((c) => c.path === '/api/response-curves')?.query.toString()).toBe('');
    el.confirmDelay = 60_000; // the estimate alone on screen
    slider.focus();
    await userEvent.keyboard('{PageUp}');
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=status]')?.textContent).toMatch(/^Estimate/);
    const engine = await client.budgetSimulate({ allocations: el.scenario, days: 30 });
    const f = formatter('en-US', 'USD');
    expect(revenue()).toBe(f.money(engine.totals.projectedRevenue));
    expect(shadow(el).querySelector('[part=totals] .band')!.textContent).toBe(`likely ${f.money(engine.totals.low)} – ${f.money(engine.totals.high)}`);
  });

  it('fires rm-auth-expired once when the engine refuses the session, and keeps its figures on screen', async () => {
    const { el, client, host, slider, revenue } = await sim({ scenario: { '/api/budget-simulate': 'unauthorized', '/api/budget-optimize': 'unauthorized' } });
    const expired: RmAuthExpiredEvent[] = [];
    host.addEventListener('rm-auth-expired', (e) => expired.push(e));
    slider.focus();
    await userEvent.keyboard('{ArrowRight}');
    await el.updateComplete;
    const value = slider.getAttribute('aria-valuenow');
    const figures = shadow(el).querySelector('[part=totals]')!.textContent;
    await wait(30); // the engine's confirmation, refused
    await el.updateComplete;
    expect(client.fake.calls.some((c) => c.path === '/api/budget-simulate')).toBe(true);
    expect(expired).toHaveLength(1);
    expect(expired[0]!.detail.error).toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(shadow(el).querySelector('[part=totals]')!.textContent).toBe(figures);
    expect(shadow(el).querySelectorAll('[role=slider]').length).toBe(6);
    expect(shadow(el).querySelector('[part=error]')).toBeNull();
    expect(shadow(el).querySelector('[role=status]')?.textContent).toMatch(/^Estimate; your session has ended/);
    // Optimize is refused too: the same episode, no second event, the scenario unchanged.
    const before = revenue();
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=optimize]')!);
    await wait(30);
    await el.updateComplete;
    expect(client.fake.calls.some((c) => c.path === '/api/budget-optimize')).toBe(true);
    expect(expired).toHaveLength(1);
    expect(slider.getAttribute('aria-valuenow')).toBe(value);
    expect(revenue()).toBe(before);
  });

  it('flags a projection beyond any spend the channel has had', async () => {
    const { el, slider } = await sim();
    const warnings = () => shadow(el).querySelectorAll('.note.warning').length;
    expect(warnings()).toBe(0);
    slider.focus();
    await userEvent.keyboard('{End}');
    await el.updateComplete;
    expect(warnings()).toBe(1);
  });
});
