import { ReportFacts } from '@retailmind/sdk/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, writeDataset, type Dataset } from '../data/generate.js';
import { addDays } from '../server/src/dates.js';
import { checkGrounding } from '../server/src/report/grounding.js';
import { SUGGESTION_MAX_CHANGE_PCT } from '../server/src/report/budget-suggestion.js';
import { reportMarkdown } from '../server/src/report/markdown.js';
import { ReportService } from '../server/src/report/service.js';
import { budgetFor } from '../server/src/services/budget.js';
import { engineFor } from '../server/src/services/engine.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

/**
 * The budget optimizer's suggestion in the report's facts: the budget service's own answer to
 * "split the current total spend anew over the period's length", and, on data too thin for a
 * response curve, no fact at all and a warning saying why (never an error, never a guess).
 */

async function storeFrom(dir: string): Promise<Store> {
  const store = new Store(await openDatabase(':memory:'));
  await ingestPath(store, dir);
  return store;
}

describe('on the sample', () => {
  let store: Store;
  let range: { from: string; to: string };
  beforeAll(async () => {
    store = await storeFrom('data/sample');
    const last = (await store.dimensions()).maxDate!;
    range = { from: addDays(last, -29), to: last };
  });
  afterAll(() => store?.close());

  it('holds the optimizer\'s answer for the current total spend over the period\'s length, rounded, in the contract\'s shape', async () => {
    const r = await new ReportService(store, engineFor(store)).report(range, 'manager');
    const s = r.facts.budgetSuggestion!;
    expect(s).toBeDefined();
    expect(ReportFacts.parse(r.facts)).toEqual(r.facts);
    expect(r.warnings).toEqual([]);

    // The same as POST /api/budget-optimize with that budget, horizon and step limit.
    const budget = budgetFor(store);
    const direct = await budget.optimize({ totalBudget: s.totalBudget, days: 30, maxChangePct: SUGGESTION_MAX_CHANGE_PCT });
    for (const c of s.channels) expect(Math.abs(c.suggestedSpend - c.currentSpend)).toBeLessThanOrEqual((c.currentSpend * SUGGESTION_MAX_CHANGE_PCT) / 100 + 0.01);
    expect(s.days).toBe(30);
    expect(s.runRateDays).toBe(30);
    expect(s.channels.map((c) => [c.channel, c.currentSpend, c.suggestedSpend, c.change, c.extrapolated])).toEqual(
      direct.allocations.map((a) => [a.channel, a.currentSpend, a.spend, a.change, a.extrapolated]),
    );
    expect(s.suggestedRevenue).toBeCloseTo(direct.projection.projectedRevenue, 0);
    expect(s.currentRevenue).toBeCloseTo(direct.current.projectedRevenue, 0);
    expect(s.upliftPct).toBeCloseTo(direct.lift.revenuePct!, 1);
    expect([s.suggestedRevenueLow, s.suggestedRevenueHigh]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(s.suggestedRevenueLow).toBeLessThanOrEqual(s.suggestedRevenue);
    expect(s.suggestedRevenueHigh).toBeGreaterThanOrEqual(s.suggestedRevenue);
    // A reallocation: the same total, current and suggested.
    const sum = (k: 'currentSpend' | 'suggestedSpend') => s.channels.reduce((t, c) => t + c[k], 0);
    expect(sum('currentSpend')).toBeCloseTo(s.totalBudget, 0);
    expect(sum('suggestedSpend')).toBeCloseTo(s.totalBudget, 0);
    // Rounded once: percentages to 2 decimals.
    for (const c of s.channels) if (c.changePct !== null) expect(Math.round(c.changePct * 100) / 100).toBe(c.changePct);
  });

  it('is channel-level, so leadership reads it too; both writers\' documents show it', async () => {
    const reports = new ReportService(store, engineFor(store));
    const leadership = await reports.report(range, 'leadership');
    const s = leadership.facts.budgetSuggestion!;
    expect(s).toEqual((await reports.report(range, 'manager')).facts.budgetSuggestion);
    expect(leadership.narrative).toContain('the budget optimizer projects');
    expect(leadership.recommendations.some((r) => r.startsWith('Consider moving '))).toBe(true);
    expect(leadership.highlights.find((h) => h.metric === 'budgetSuggestion.upliftPct')?.value).toBe(s.upliftPct);
    expect(checkGrounding(leadership, leadership.facts).problems).toEqual([]);

    const md = reportMarkdown(leadership);
    expect(md).toContain("## Budget optimizer's suggestion");
    expect(md).toContain('| Channel | Current spend | Suggested spend | Change | Change % | Note |');
    for (const c of s.channels) expect(md).toMatch(new RegExp(`\\| ${c.channel} \\| [\\d,.]+ \\| [\\d,.]+ \\| [-+][\\d,.]+ \\|`));
  });

  it('takes the horizon from the period, up to the optimizer\'s 365 days', async () => {
    const reports = new ReportService(store, engineFor(store));
    const week = await reports.report({ from: addDays(range.to, -6), to: range.to }, 'analyst');
    expect(week.facts.budgetSuggestion!.days).toBe(7);
    const long = await reports.report({ from: addDays(range.to, -399), to: range.to }, 'analyst');
    expect(long.facts.budgetSuggestion!.days).toBe(365);
    expect(checkGrounding(long, long.facts).problems).toEqual([]);
  });
});

/** Data too thin for the budget model: the report is still written, without the fact, saying why. */
describe.each<[string, () => Dataset | string, RegExp]>([
  ['two days of data', () => 'tests/fixtures/tiny', /no channel has the 10 usable days a response curve needs \(the most any has is \d+\)/],
  ['a single channel', () => generateDataset({ seed: 5, channels: ['Email'], days: 40, campaigns: 4 }), /only Email has a response curve, so there is no other channel to move budget to/],
  ['no spend in the latest 30 days', () => zeroSpendFrom(generateDataset({ seed: 6, days: 60, campaigns: 12 }), '2026-10-02'), /the channels spent nothing over the latest 30 days/],
])('with %s', (_what, data, reason) => {
  let store: Store;
  let tmp: string | null = null;
  beforeAll(async () => {
    const d = data();
    if (typeof d !== 'string') {
      tmp = mkdtempSync(join(tmpdir(), 'rm-suggestion-'));
      writeDataset(tmp, d);
    }
    store = await storeFrom(typeof d === 'string' ? d : tmp!);
  });
  afterAll(() => {
    store?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the suggestion out, says why in the warnings, and writes a grounded report without it', async () => {
    const dims = await store.dimensions();
    for (const audience of ['manager', 'leadership'] as const) {
      const r = await new ReportService(store, engineFor(store)).report({ from: dims.minDate!, to: dims.maxDate! }, audience);
      expect(r.facts.budgetSuggestion).toBeUndefined();
      expect('budgetSuggestion' in r.facts).toBe(false);
      expect(r.warnings).toEqual([expect.stringMatching(/^no budget reallocation is suggested: /)]);
      expect(r.warnings[0]).toMatch(reason);
      expect(r.narrative).not.toContain('optimizer');
      expect(r.recommendations.join(' ')).not.toContain('Consider moving');
      expect(checkGrounding(r, r.facts).problems).toEqual([]);
    }
  });
});

/** The dataset with every campaign's spend from `from` on set to zero. */
function zeroSpendFrom(d: Dataset, from: string): Dataset {
  const [header, ...rows] = d.files.campaign_daily.split('\n');
  const spend = header!.split(',').indexOf('spend');
  const zeroed = rows.map((row) => {
    if (!row || row.slice(0, 10) < from) return row;
    const cells = row.split(',');
    cells[spend] = '0';
    return cells.join(',');
  });
  return { ...d, files: { ...d.files, campaign_daily: [header, ...zeroed].join('\n') } };
}
