import { REPORT_AUDIENCES } from '@retailmind/sdk/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, writeDataset } from '../data/generate.js';
import { addDays } from '../server/src/dates.js';
import { amount } from '../server/src/report/format.js';
import { checkGrounding, extractNumbers } from '../server/src/report/grounding.js';
import { ReportService } from '../server/src/report/service.js';
import { engineFor } from '../server/src/services/engine.js';
import { campaignList } from '../server/src/store/series.js';
import { openDatabase } from '../server/src/store/db.js';
import { ingestPath } from '../server/src/store/ingest/directory.js';
import { Store } from '../server/src/store/store.js';

/**
 * The offline writer on the sample and two generated data sets: every number it writes passes the
 * same grounding check the model's text must pass, for every audience, over a month, a week and
 * the whole span of the data, the budget optimizer's suggestion included; the executive report
 * names no campaign.
 */

const DATASETS = [
  { name: 'sample', dir: 'data/sample' as string | null, seed: 0 },
  { name: 'seed 1', dir: null, seed: 1 },
  { name: 'seed 2', dir: null, seed: 2 },
];

describe.each(DATASETS)('the offline writer on $name', (dataset) => {
  let store: Store;
  let tmp: string | null = null;
  let reports: ReportService;
  let ranges: { from: string; to: string }[];
  let campaigns: { id: string; name: string }[];

  beforeAll(async () => {
    let dir = dataset.dir;
    if (!dir) {
      tmp = mkdtempSync(join(tmpdir(), `rm-report-seed-${dataset.seed}-`));
      writeDataset(tmp, generateDataset({ seed: dataset.seed }));
      dir = tmp;
    }
    store = new Store(await openDatabase(':memory:'));
    await ingestPath(store, dir);
    reports = new ReportService(store, engineFor(store));
    const dims = await store.dimensions();
    const last = dims.maxDate!;
    ranges = [
      { from: addDays(last, -29), to: last },
      { from: addDays(last, -6), to: last },
      { from: dims.minDate!, to: last },
    ];
    campaigns = (await campaignList(store.db)).map((c) => ({ id: c.id, name: c.name }));
  });
  afterAll(() => {
    store?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(REPORT_AUDIENCES.map((a) => [a]))('writes a %s report whose every number is a fact', async (audience) => {
    for (const range of ranges) {
      const r = await reports.report(range, audience);
      expect(r.generatedBy).toBe('offline');
      // The service checks its own text too: any failure would be a warning here.
      expect(r.warnings.filter((w) => w.startsWith('offline writer'))).toEqual([]);
      const forbidden = audience === 'leadership' ? campaigns.flatMap((c) => [c.name, c.id]) : [];
      const check = checkGrounding(r, r.facts, { forbidden });
      expect(check.problems, `${dataset.name} ${range.from}..${range.to}`).toEqual([]);

      // Not vacuous: the text states many figures, and names the period and the best channel.
      const numbers = [r.narrative, ...r.recommendations, ...r.highlights.map((h) => h.text)].flatMap((t) => extractNumbers(t));
      expect(numbers.length).toBeGreaterThan(15);
      expect(r.narrative).toContain(`Between ${range.from} and ${range.to}`);
      if (r.facts.bestChannelByRoi) expect(r.narrative).toContain(r.facts.bestChannelByRoi.channel);
      expect(r.highlights.length).toBeGreaterThanOrEqual(4);
      expect(r.recommendations.length).toBeGreaterThan(0);

      // The budget optimizer's suggestion: a fact on these data sets, written with its numbers.
      const s = r.facts.budgetSuggestion;
      expect(s, `${dataset.name} ${range.from}..${range.to}`).toBeDefined();
      expect(r.warnings).toEqual([]);
      const moved = s!.channels.some((c) => Math.abs(c.change) >= 0.01 * s!.totalBudget);
      if (moved) {
        expect(r.narrative).toContain(`the budget optimizer projects ${amount(s!.suggestedRevenue)} of revenue (range ${amount(s!.suggestedRevenueLow)} to ${amount(s!.suggestedRevenueHigh)})`);
        expect(r.recommendations.filter((t) => t.startsWith('Consider moving '))).toHaveLength(1);
      } else expect(r.narrative).toContain('The budget optimizer finds the current split of the budget close to the best');
    }
  });

  it('keeps every campaign name and id out of the executive report, and its facts', async () => {
    const r = await reports.report(ranges[0]!, 'leadership');
    const text = JSON.stringify(r);
    for (const c of campaigns) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(`"${c.id}"`);
    }
    expect(r.facts.campaignLevel).toBe(false);
    expect(r.facts.anomalies.top).toEqual([]);
    expect(r.facts.recommendations.top).toEqual([]);
  });

  it('fails the check once a single figure is changed (the check has teeth)', async () => {
    const r = await reports.report(ranges[0]!, 'manager');
    const [first] = extractNumbers(r.narrative.replace(/\b\d{4}-\d{2}-\d{2}\b/g, ''));
    const tampered = r.narrative.replace(first!.raw, `${first!.raw.replace(/[\d,.]+/, (n) => String(Number(n.replace(/,/g, '')) * 1.37 + 11))}`);
    expect(tampered).not.toBe(r.narrative);
    expect(checkGrounding({ ...r, narrative: tampered }, r.facts).ok).toBe(false);
  });
});
