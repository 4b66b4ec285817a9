import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, mount, seriousViolations, settle, shadow } from '../test/helpers.js';
import type { RmKpi } from './kpi.js';

afterEach(cleanup);

describe('<rm-kpi>', () => {
  it('shows the figure, its change against the previous period and a trend, from the recorded summary', async () => {
    const { el, client } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi', { client: {} });
    const root = shadow(el);
    const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(sample.summary.totals.revenue);
    expect(root.querySelector('[part=value]')?.textContent).toBe(expected);
    expect(root.querySelector('[part=change]')?.textContent).toMatch(/down\s*-15\.7%/);
    expect(root.querySelector('svg[part=trend]')?.getAttribute('aria-label')).toMatch(/^Daily revenue over 30 days/);
    // one summary request and one for the previous range
    expect(client!.fake.calls.map((c) => c.query.get('from'))).toEqual([null, sample.summary.previousRange.from]);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('writes percentages as percentages, and says when a period has no data', async () => {
    const { el } = await mount<RmKpi>('<rm-kpi metric="roi"></rm-kpi><rm-kpi metric="budgetUtilizationPct"></rm-kpi>', 'rm-kpi', { client: {} });
    expect(shadow(el).querySelector('[part=value]')?.textContent).toBe('214.4%');
    const empty = await mount<RmKpi>('<rm-kpi metric="roi"></rm-kpi>', 'rm-kpi', { client: { scenario: 'empty' } });
    expect(shadow(empty.el).querySelector('[part=empty]')?.textContent).toMatch(/No data for this period/);
    expect(await seriousViolations(empty.el)).toEqual([]);
  });

  it('writes revenue growth as the change itself, naming the period it compares with', async () => {
    const { el } = await mount<RmKpi>('<rm-kpi metric="revenueGrowthPct"></rm-kpi>', 'rm-kpi', { client: {} });
    const root = shadow(el);
    expect(root.querySelector('[part=value]')?.textContent).toBe(`${sample.summary.totals.revenueGrowthPct!.toFixed(1)}%`);
    const change = root.querySelector('[part=change]')?.textContent ?? '';
    expect(change).toMatch(/^vs .+ – .+$/);
    expect(change).not.toMatch(/No earlier/);
  });

  it('shares one request between KPIs under one provider', async () => {
    const { client, host } = await mount('<rm-kpi metric="revenue"></rm-kpi><rm-kpi metric="roi"></rm-kpi><rm-kpi metric="spend"></rm-kpi>', 'rm-kpi', { client: {} });
    for (const k of host.querySelectorAll('rm-kpi')) await settle(k);
    expect(client!.fake.calls.length).toBe(2);
  });

  it('shows a skeleton while loading and an error with Retry that retries', async () => {
    const pending = await mount<RmKpi>("<rm-kpi metric=\"revenue\"></rm-kpi>", "rm-kpi", { client: { scenario: "pending" }, wait: 50 });
    expect(shadow(pending.el).querySelector('[part=skeleton]')).not.toBeNull();
    expect(await seriousViolations(pending.el)).toEqual([]);

    const { el, client } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi', { client: { scenario: 'error' } });
    const error = shadow(el).querySelector('[part=error]');
    expect(error?.textContent).toMatch(/Something went wrong/);
    expect(await seriousViolations(el)).toEqual([]);
    const before = client!.fake.calls.length;
    shadow(el).querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await settle(el);
    expect(client!.fake.calls.length).toBeGreaterThan(before);
  });

  it('refreshes on a live summary update', async () => {
    const { el, client } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi', { client: {} });
    expect(client!.fake.live.subscribers('summary')).toBe(1);
    const before = client!.fake.calls.length;
    client!.fake.live.push('summary', sample.summary, 2);
    await settle(el);
    expect(client!.fake.calls.length).toBeGreaterThan(before);
    el.remove();
    expect(client!.fake.live.subscribers('summary')).toBe(0);
  });

  it('says what to do without a data source, and is readable in the dark theme', async () => {
    const { el } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi');
    expect(shadow(el).textContent).toMatch(/No data source/);
    const dark = await mount<RmKpi>('<rm-kpi metric="conversionRate"></rm-kpi>', 'rm-kpi', { client: {}, theme: 'dark' });
    expect(getComputedStyle(dark.el).getPropertyValue('--rm-color-surface').trim()).toBe('#111827');
    expect(await seriousViolations(dark.el)).toEqual([]);
  });
});
