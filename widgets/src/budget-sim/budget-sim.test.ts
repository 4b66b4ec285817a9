import { createFakeClient } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { RmScenarioChangeEvent } from '../events/events.js';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import { projectFromCurve } from './budget-api.js';
import type { RmBudgetSim } from './budget-sim.js';

afterEach(cleanup);

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sim() {
  const client = createFakeClient({ synthetic: true });
  const { el, host } = await mount<RmBudgetSim>('<rm-budget-sim confirm-delay="0"></rm-budget-sim>', 'rm-budget-sim', { client });
  const events: RmScenarioChangeEvent[] = [];
  host.addEventListener('rm-scenario-change', (e) => events.push(e));
  const slider = shadow(el).querySelector<HTMLElement>('[role=slider]')!;
  const revenue = () => shadow(el).querySelector('[part=totals] .figure')!.textContent;
  return { el, client, events, slider, revenue };
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

  it('reads the budget contract\'s points: projectedRevenue and the per-point extrapolation flag', () => {
    const curve = {
      channel: 'x',
      currentSpend: 10,
      points: [
        { spend: 0, projectedRevenue: 0, low: 0, high: 0, extrapolated: false },
        { spend: 10, projectedRevenue: 30, low: 20, high: 40, extrapolated: false },
        { spend: 20, projectedRevenue: 40, low: 25, high: 60, extrapolated: true },
      ],
    };
    expect(projectFromCurve(curve, 5)).toEqual({ revenue: 15, low: 10, high: 20, extrapolated: false });
    expect(projectFromCurve(curve, 19).extrapolated).toBe(true);
    expect(projectFromCurve(curve, 25).extrapolated).toBe(true);
  });

  it('interpolates a curve between and past its points', () => {
    const curve = { channel: 'x', currentSpend: 10, historicalMin: 5, historicalMax: 20, points: [{ spend: 0, revenue: 0 }, { spend: 10, revenue: 30, low: 20, high: 40 }, { spend: 20, revenue: 40 }] };
    expect(projectFromCurve(curve, 5)).toEqual({ revenue: 15, low: 10, high: 20, extrapolated: false });
    expect(projectFromCurve(curve, 30).revenue).toBe(50);
    expect(projectFromCurve(curve, 30).extrapolated).toBe(true);
  });
});
