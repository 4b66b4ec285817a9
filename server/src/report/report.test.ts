/** Unit tests of the report module: the grounding check, the offline writer, Markdown and the audiences. */
import type { BudgetSuggestionFact, ReportFacts, ReportResponse } from '@retailmind/sdk/contract';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportAudience, reportFactsFor, viewAs } from '../auth/views.js';
import { ApiError } from '../http/errors.js';
import { checkGrounding, extractNumbers, factValues, matchesFact } from './grounding.js';
import { highlightLine } from './format.js';
import { reportMarkdown, escapeMarkdown } from './markdown.js';
import { writeOffline } from './offline-writer.js';
import { reportPdf, safe } from './pdf.js';
import type { WrittenReport } from './writer.js';

/** Small hand-made facts: two channels, one anomaly, one recommendation. */
function factsFixture(): ReportFacts {
  return {
    period: { from: '2026-10-02', to: '2026-10-31', days: 30 },
    previousPeriod: { from: '2026-09-02', to: '2026-10-01' },
    dataVersion: 7,
    campaignLevel: true,
    totals: {
      revenue: 1_234_567.89,
      spend: 456_789,
      roi: 1.7027,
      roas: 2.7027,
      conversionRate: 0.0312,
      transactions: 12_345,
      clicks: 395_000,
      previousRevenue: 1_100_000,
      previousSpend: 420_000,
      previousRoi: 1.619,
      revenueChangePct: 12.23,
      spendChangePct: 8.76,
      roiChange: 0.0837,
    },
    channels: [
      {
        channel: 'Social',
        revenue: 800_000,
        spend: 250_000,
        roi: 2.2,
        roas: 3.2,
        conversionRate: 0.04,
        contributionPct: 64.8,
        previousRevenue: 700_000,
        previousRoi: 2,
        revenueChangePct: 14.29,
        roiChange: 0.2,
        budgetAllocated: 260_000,
        budgetUtilizationPct: 96.15,
      },
      {
        channel: 'Email 2',
        revenue: 434_567.89,
        spend: 206_789,
        roi: 1.1015,
        roas: 2.1015,
        conversionRate: 0.02,
        contributionPct: 35.2,
        previousRevenue: 400_000,
        previousRoi: 1.05,
        revenueChangePct: 8.64,
        roiChange: 0.0515,
        budgetAllocated: 150_000,
        budgetUtilizationPct: 137.86,
      },
    ],
    bestChannelByRoi: { channel: 'Social', value: 2.2 },
    worstChannelByRoi: { channel: 'Email 2', value: 1.1015 },
    bestChannelByChange: { channel: 'Social', value: 14.29 },
    worstChannelByChange: { channel: 'Email 2', value: 8.64 },
    budget: {
      allocated: 410_000,
      used: 456_789,
      utilizationPct: 111.41,
      status: 'on-track',
      lowPct: 70,
      highPct: 115,
      channelsUnder: [],
      channelsOver: [{ channel: 'Email 2', utilizationPct: 137.86 }],
    },
    anomalies: {
      count: 3,
      high: 1,
      medium: 1,
      low: 1,
      byChannel: [{ channel: 'Social', count: 3, high: 1 }],
      top: [
        {
          date: '2026-10-14',
          kind: 'point',
          days: 1,
          campaignId: 'C0009',
          campaignName: 'Q4 Push 2',
          channel: 'Social',
          segment: 'New',
          metric: 'revenue',
          direction: 'drop',
          severity: 'high',
          value: 120,
          expected: 1450.5,
        },
      ],
    },
    recommendations: {
      count: 1,
      byAction: { pause: 1, scale: 0, monitor: 0, alert: 0 },
      byChannel: [{ channel: 'Email 2', action: 'pause', campaigns: 1, spendDelta: -2_400, revenueDelta: -900 }],
      top: [
        {
          action: 'pause',
          priority: 'high',
          campaignId: 'C0003',
          campaignName: 'Spring Blast',
          channel: 'Email 2',
          segment: 'Loyal',
          roi: -0.35,
          spendDelta: -2_400,
          revenueDelta: -900,
          roiAfter: null,
          expectedValue: 1_500,
        },
      ],
    },
  };
}

/** A suggestion moving 15.2% of Email 2's budget to Social, projected +4.23% revenue. */
function suggestionFixture(): BudgetSuggestionFact {
  return {
    days: 30,
    runRateDays: 30,
    totalBudget: 456_789,
    channels: [
      { channel: 'Social', currentSpend: 250_000, suggestedSpend: 281_431.93, change: 31_431.93, changePct: 12.57, extrapolated: true },
      { channel: 'Email 2', currentSpend: 206_789, suggestedSpend: 175_357.07, change: -31_431.93, changePct: -15.2, extrapolated: false },
    ],
    channelsLeftOut: ['Print'],
    currentRevenue: 1_200_000,
    suggestedRevenue: 1_250_760,
    suggestedRevenueLow: 1_180_000.5,
    suggestedRevenueHigh: 1_320_400.25,
    upliftRevenue: 50_760,
    upliftPct: 4.23,
    currentRoi: 1.627,
    suggestedRoi: 1.7381,
  };
}

const report = (narrative: string, extra: Partial<WrittenReport> = {}): WrittenReport => ({
  title: 'Marketing performance',
  narrative,
  highlights: [],
  recommendations: [],
  ...extra,
});

describe('reading numbers as written', () => {
  it('reads %, currency symbols, thousands separators, suffixes and multiples, with the rounding each implies', () => {
    const [a, b, c, d, e, f] = extractNumbers('ROI 170%, revenue $1,234,567.89 or 1.23M, 12k clicks, ROAS 2.7x, 8.8 points');
    expect(a).toMatchObject({ value: 170, tolerance: 0.5, unit: 'percent' });
    expect(b).toMatchObject({ value: 1_234_567.89, unit: 'plain' });
    expect(b!.tolerance).toBeCloseTo(0.005);
    expect(c).toMatchObject({ value: 1_230_000, tolerance: 5_000 });
    expect(d).toMatchObject({ value: 12_000, tolerance: 500 });
    expect(e).toMatchObject({ value: 2.7, unit: 'times' });
    expect(f).toMatchObject({ value: 8.8, unit: 'points' });
  });

  it('takes a minus sign only right before the digits, not the dash of a range or a name', () => {
    expect(extractNumbers('ROI -0.35').map((t) => t.sign)).toEqual(['-']);
    expect(extractNumbers('ROI (−0.35)').map((t) => t.sign)).toEqual(['-']);
    expect(extractNumbers('the 70-115% band').map((t) => [t.value, t.sign])).toEqual([
      [70, ''],
      [115, ''],
    ]);
    expect(extractNumbers('Q4 B2B plan')).toEqual([]);
  });

  it('matches a ratio written as a percentage and back, within the rounding written', () => {
    const [roiPct] = extractNumbers('170.3%');
    expect(matchesFact(roiPct!, [1.7027])).toBe(true);
    const [roiRounded] = extractNumbers('170%');
    expect(matchesFact(roiRounded!, [1.7027])).toBe(true);
    const [tooPrecise] = extractNumbers('170.5%');
    expect(matchesFact(tooPrecise!, [1.7027])).toBe(false);
    const [pctAsRatio] = extractNumbers('1.11 of plan');
    expect(matchesFact(pctAsRatio!, [111.41])).toBe(true);
    const [signed] = extractNumbers('ROI -0.35');
    expect(matchesFact(signed!, [0.35])).toBe(false);
    expect(matchesFact(signed!, [-0.35])).toBe(true);
  });
});

describe('the grounding check', () => {
  const facts = factsFixture();

  it('passes text whose every number is a fact, however it is written', () => {
    const text =
      'From 2026-10-02 to October 31, 2026 revenue reached $1.23M (up 12%) on spend of 456,789, an ROI of 170% ' +
      '(1.70), up 0.08 on the month. Social led (ROI 2.2x, 64.8% of revenue), "Q4 Push 2" dropped to 120 ' +
      'against 1,450.50 expected on Oct 14. Email 2 spent 137.9% of its budget; pausing "Spring Blast" (ROI -0.35) saves 2,400.';
    const result = checkGrounding(report(text), facts);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails on a made-up number, naming it', () => {
    const result = checkGrounding(report('Revenue reached 1.23M and ROI 987.6%.'), facts);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['"987.6%" matches no fact']);
  });

  it('fails on a number more precise than any fact, a wrong sign, or an invented date', () => {
    expect(checkGrounding(report('ROI was 1.7211.'), facts).ok).toBe(false);
    expect(checkGrounding(report('ROI fell to -1.70.'), facts).ok).toBe(false);
    const dated = checkGrounding(report('Sales dipped on 2026-11-05 and on December 3.'), facts);
    expect(dated.problems).toEqual(['date "2026-11-05" is not a date of the facts', 'date "December 3" is not a date of the facts']);
  });

  it('checks titles, highlights (text and value) and recommendations too', () => {
    expect(checkGrounding(report('ok', { title: 'Top 7 results' }), facts).ok).toBe(false);
    expect(checkGrounding(report('ok', { highlights: [{ text: 'ROI 170%', metric: 'totals.roi', value: 1.7027 }] }), facts).ok).toBe(true);
    expect(checkGrounding(report('ok', { highlights: [{ text: 'ROI', metric: 'totals.roi', value: 4.2 }] }), facts).problems).toEqual([
      'highlight value 4.2 (totals.roi) matches no fact',
    ]);
    expect(checkGrounding(report('ok', { recommendations: ['Move 15% of the Email 2 budget to Social.'] }), facts).ok).toBe(false);
  });

  it('skips digits inside the names the facts hold, and refuses names the audience may not see', () => {
    expect(checkGrounding(report('"Q4 Push 2" and Email 2 both slipped.'), facts).ok).toBe(true);
    const leaked = checkGrounding(report('"Spring Blast" should pause.'), facts, { forbidden: ['Spring Blast', 'C0003'] });
    expect(leaked.problems).toEqual(['names a campaign, which this audience may not see']);
  });

  it('reads every number the facts hold but the data version', () => {
    const { numbers, dates } = factValues(facts);
    expect(numbers).toContain(1_234_567.89);
    expect(numbers).toContain(-0.35);
    expect(numbers).not.toContain(7);
    expect(dates).toEqual(new Set(['2026-10-02', '2026-10-31', '2026-09-02', '2026-10-01', '2026-10-14']));
  });
});

describe('the offline writer on hand-made facts', () => {
  it('writes every section, grounded, and keeps campaigns out of the executive report', () => {
    const facts = factsFixture();
    const manager = writeOffline({ facts, audience: 'manager' });
    expect(checkGrounding(manager, facts).problems).toEqual([]);
    expect(manager.narrative).toContain('Social delivered the highest ROI (2.20) and Email 2 the lowest (1.10)');
    expect(manager.narrative).toContain('"Q4 Push 2"');
    expect(manager.recommendations[0]).toBe('Pause "Spring Blast" (Email 2, Loyal): ROI -0.35 over the period; this saves 2,400.00 of spend for 900.00 of revenue forgone.');
    expect(manager.recommendations).toContain("Check Email 2's pacing: it has spent 137.9% of its pro-rated budget.");

    const executive = { ...facts, campaignLevel: false, anomalies: { ...facts.anomalies, top: [] }, recommendations: { ...facts.recommendations, top: [] } };
    const leadership = writeOffline({ facts: executive, audience: 'leadership' });
    expect(checkGrounding(leadership, executive, { forbidden: ['Spring Blast', 'Q4 Push 2', 'C0003', 'C0009'] }).problems).toEqual([]);
    expect(leadership.title).toBe('Executive summary: 2026-10-02 to 2026-10-31');
    expect(leadership.recommendations[0]).toBe('Email 2: pausing 1 campaign that loses money would save 2,400.00 of spend for 900.00 of revenue.');
  });
});

describe('the budget optimizer\'s suggestion in the offline writer', () => {
  const facts = { ...factsFixture(), budgetSuggestion: suggestionFixture() };

  it('recommends the move with the facts\' own numbers, and the grounding check accepts exactly those', () => {
    const w = writeOffline({ facts, audience: 'manager' });
    expect(w.recommendations).toContain(
      "Consider moving 15% of Email 2's budget (31,431.93) to Social: projected +4.2% revenue over the next 30 days (1,250,760.00, range 1,180,000.50 to 1,320,400.25, against 1,200,000.00 now).",
    );
    expect(w.narrative).toContain(
      'Splitting the same 456,789.00 of spend differently over the next 30 days (each channel at its rate of the latest 30 days), the budget optimizer projects ' +
        '1,250,760.00 of revenue (range 1,180,000.50 to 1,320,400.25) against 1,200,000.00 with the current split: +50,760.00 (+4.2%), ROI 1.63 to 1.74. ' +
        "It would move 15% of Email 2's budget (31,431.93) to Social (+31,431.93). The suggested spend of Social lies outside anything it has run at, so treat its projection as a rough guess. " +
        'Print has too little data for a response curve and is left as it is.',
    );
    expect(w.highlights).toContainEqual({ text: 'Budget optimizer: projected revenue from a new split', metric: 'budgetSuggestion.upliftPct', value: 4.23 });
    expect(checkGrounding(w, facts).problems).toEqual([]);
    const executive = reportFactsFor('leadership', facts);
    const leadership = writeOffline({ facts: executive, audience: 'leadership' });
    expect(leadership.recommendations.some((r) => r.startsWith("Consider moving 15% of Email 2's budget"))).toBe(true);
    expect(checkGrounding(leadership, executive).problems).toEqual([]);

    // Strict: a share, an uplift or a range the optimizer did not give is refused.
    const advice = (text: string) => checkGrounding(report('ok', { recommendations: [text] }), facts);
    expect(advice("Move 15% of Email 2's budget to Social: +4.2% revenue (range 1.18M to 1.32M).").ok).toBe(true);
    expect(advice("Move 17% of Email 2's budget to Social.").problems).toEqual(['"17%" matches no fact']);
    expect(advice('Projected +7.7% revenue.').problems).toEqual(['"+7.7%" matches no fact']);
    expect(advice('Revenue between 1.15M and 1.32M.').problems).toEqual(['"1.15M" matches no fact']);
  });

  it('says the split is close to the best when no channel moves noticeably, with no action or highlight', () => {
    const s = suggestionFixture();
    const still = {
      ...facts,
      budgetSuggestion: { ...s, channels: s.channels.map((c) => ({ ...c, suggestedSpend: c.currentSpend, change: 0, changePct: 0 })), channelsLeftOut: [] },
    };
    const w = writeOffline({ facts: still, audience: 'analyst' });
    expect(w.narrative).toContain(
      'The budget optimizer finds the current split of the budget close to the best for the next 30 days: moving spend between channels would not change the projected 1,200,000.00 of revenue noticeably.',
    );
    expect(w.recommendations.join(' ')).not.toContain('Consider moving');
    expect(w.highlights.map((h) => h.metric)).not.toContain('budgetSuggestion.upliftPct');
    expect(checkGrounding(w, still).problems).toEqual([]);
  });

  it('still reads when each cut is too small to name, or more channels move than it lists', () => {
    const s = suggestionFixture();
    const spread = {
      ...facts,
      budgetSuggestion: {
        ...s,
        totalBudget: 200_000,
        channels: [
          { ...s.channels[0]!, change: 9_000, changePct: 3.6 },
          ...['A', 'B', 'C'].map((channel) => ({ channel, currentSpend: 60_000, suggestedSpend: 57_000, change: -3_000, changePct: -5, extrapolated: false })),
        ],
      },
    };
    const w = writeOffline({ facts: spread, audience: 'manager' });
    expect(w.narrative).toContain("It would move 5% of A's budget (3,000.00), 5% of B's (3,000.00) and some of the other channels' to Social (+9,000.00).");
    expect(checkGrounding(w, spread).problems).toEqual([]);
    const small = { ...spread, budgetSuggestion: { ...spread.budgetSuggestion, totalBudget: 400_000 } };
    expect(writeOffline({ facts: small, audience: 'manager' }).narrative).toContain("It would move a little of the other channels' budgets to Social (+9,000.00).");
  });

  it('writes nothing about reallocation when the fact is absent', () => {
    const w = writeOffline({ facts: factsFixture(), audience: 'manager' });
    expect(`${w.narrative} ${w.recommendations.join(' ')}`).not.toMatch(/optimizer|Consider moving/);
  });
});

describe('PDF text', () => {
  it('maps the typography we and models write to WinAnsi, and only other scripts to "?"', () => {
    expect(safe('2026-10-02 – 2026-10-31 — ROI −0.35, 3×, A→B, x ≤ 5, y ≥ 2, ‘q’ “d” year‑over‑year…')).toBe(
      '2026-10-02 – 2026-10-31 — ROI -0.35, 3×, A->B, x <= 5, y >= 2, ‘q’ “d” year-over-year…',
    );
    expect(safe('Crème brûlée, Łódź, Čačak, ﬁne\u202fprint')).toBe('Crème brûlée, ?ódz, Cacak, fine print');
    expect(safe('日本 Sale 🛍️')).toBe('?? Sale ?');
  });

  it('prints those characters as themselves in the document (read back with pdftotext)', () => {
    const facts = factsFixture();
    const narrative = 'Spend ran 2026-10-02 – 2026-10-31; ROI −0.35 × 2 → “up” ‘so’ ≤ 3.';
    const pdf = reportPdf(
      { title: 'Report — October', period: facts.period, audience: 'manager', narrative, highlights: [], recommendations: [], generatedBy: 'offline', warnings: [], dataVersion: 7, facts },
      { paper: 'a4' },
    );
    const dir = mkdtempSync(join(tmpdir(), 'rm-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), Buffer.from(pdf));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Report — October');
      expect(text).toContain('Spend ran 2026-10-02 – 2026-10-31; ROI -0.35 × 2 -> “up” ‘so’ <= 3.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Markdown', () => {
  it('escapes text so names never become markup, links or headings', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> [click](http://evil) *bold* # h')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\[click\\](http://evil) \\*bold\\* \\# h',
    );
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });

  it('renders title, period, narrative paragraphs, highlights and recommendations', () => {
    const facts = factsFixture();
    const w = writeOffline({ facts, audience: 'manager' });
    const md = reportMarkdown({ ...w, period: { from: facts.period.from, to: facts.period.to }, audience: 'manager', generatedBy: 'offline', warnings: [], dataVersion: 7, facts });
    expect(md.startsWith('# Marketing performance: 2026-10-02 to 2026-10-31\n')).toBe(true);
    expect(md).toContain('## Highlights');
    expect(md).toContain('- Pause "Spring Blast"');
    expect(md.split('\n\n').length).toBeGreaterThan(6);
  });

  it('writes a highlight as its label and its value, by the kind of fact', () => {
    const line = (metric: string, value: number) => highlightLine({ text: 'X', metric, value });
    expect(line('channels.Email.roi', 7.456)).toBe('X: 745.6%');
    expect(line('totals.revenueChangePct', -15.72)).toBe('X: -15.7%');
    expect(line('budgetSuggestion.upliftPct', 6.3)).toBe('X: +6.3%');
    expect(line('budget.utilizationPct', 98.1)).toBe('X: 98.1%');
    expect(line('totals.revenue', 575468.62)).toBe('X: 575,468.62');
    expect(line('anomalies.count', 18)).toBe('X: 18');
    expect(line('totals.roas', 3.144)).toBe('X: 3.14×');
  });
});

describe('report audiences (auth/views.ts)', () => {
  it('defaults to the role; manager and analyst may ask for any audience; leadership only for its own', () => {
    expect(reportAudience('manager', undefined)).toBe('manager');
    expect(reportAudience('analyst', 'leadership')).toBe('leadership');
    expect(reportAudience('leadership', undefined)).toBe('leadership');
    expect(reportAudience('leadership', 'leadership')).toBe('leadership');
    expect(() => reportAudience('leadership', 'manager')).toThrow(ApiError);
  });

  it('narrows the facts to channels for the executive audience only', () => {
    const facts = factsFixture();
    expect(reportFactsFor('analyst', facts)).toBe(facts);
    const executive = reportFactsFor('leadership', facts);
    expect(executive.campaignLevel).toBe(false);
    expect(executive.anomalies.top).toEqual([]);
    expect(executive.recommendations.top).toEqual([]);
    expect(executive.recommendations.byChannel).toEqual(facts.recommendations.byChannel);
    expect(JSON.stringify(executive)).not.toMatch(/Spring Blast|Q4 Push 2|C0003|C0009/);
  });

  it('never lets another audience\'s report reach leadership', () => {
    const report = { audience: 'manager', facts: factsFixture() } as ReportResponse;
    expect(viewAs('report', 'manager', report)).toBe(report);
    expect(() => viewAs('report', 'leadership', report)).toThrow(/manager report was about to reach the leadership role/);
    const executive = viewAs('report', 'leadership', { ...report, audience: 'leadership' })!;
    expect(executive.facts.campaignLevel).toBe(false);
  });
});
