import type { ExportView, ReportResponse } from '@retailmind/sdk/contract';
import * as m from '../metrics/index.js';
import { cachedFigures } from '../services/dashboard-summary.js';
import type { DecisionEngine } from '../services/engine.js';
import { campaignList, campaignTotals } from '../store/series.js';
import type { Store } from '../store/store.js';
import type { Cell } from './csv.js';
import { amount, count, money, signedPct, signedRatio } from './format.js';

/**
 * What each export view holds, defined once for both formats: the CSV writes each column's raw
 * value under `key`; the PDF prints the columns with a `pdf` width, formatted by `kind`.
 */
export type ColumnKind = 'text' | 'money' | 'ratio' | 'rate' | 'pct' | 'count' | 'number';
export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Relative width in the PDF's table; columns without one are CSV only. */
  pdf?: number;
}
export interface ExportTable {
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export interface ExportContext {
  store: Store;
  engine: DecisionEngine;
  range: { from: string; to: string };
  /** The report for the caller's audience (the `report` view). */
  report: () => Promise<ReportResponse>;
}

const col = (key: string, label: string, kind: ColumnKind, pdf?: number): Column => ({ key, label, kind, ...(pdf ? { pdf } : {}) });

export async function exportTable(view: ExportView, ctx: ExportContext): Promise<ExportTable> {
  switch (view) {
    case 'campaigns':
      return campaigns(ctx);
    case 'channels':
      return channels(ctx);
    case 'anomalies':
      return anomalies(ctx);
    case 'recommendations':
      return recommendations(ctx);
    case 'report':
      return report(ctx);
  }
}

/** Per campaign with activity in the range: sums from the `campaign_day` rollup, ratios from the metrics. */
async function campaigns({ store, range }: ExportContext): Promise<ExportTable> {
  const [list, totals] = await Promise.all([campaignList(store.db), campaignTotals(store.db, range, range.to)]);
  const byId = new Map(list.map((c) => [c.id, c]));
  const rows: Cell[][] = [];
  for (const t of totals) {
    const c = byId.get(t.campaignId);
    if (!c) continue;
    const spend = t.spendMicros / 1e6;
    const revenue = t.revenueMicros / 1e6;
    rows.push([
      c.id, c.name, c.channel, c.segment, c.startDate, c.endDate,
      t.impressions, t.clicks, spend, t.transactions, revenue,
      m.roi(revenue, spend), m.roas(revenue, spend), m.ctr(t.clicks, t.impressions), m.conversionRate(t.transactions, t.clicks), m.cpa(spend, t.transactions),
    ]);
  }
  return {
    title: 'Campaigns',
    columns: [
      col('campaign_id', 'Id', 'text'),
      col('campaign_name', 'Campaign', 'text', 34),
      col('channel', 'Channel', 'text', 16),
      col('segment', 'Segment', 'text'),
      col('start_date', 'Start', 'text'),
      col('end_date', 'End', 'text'),
      col('impressions', 'Impressions', 'count'),
      col('clicks', 'Clicks', 'count', 10),
      col('spend', 'Spend', 'money', 13),
      col('transactions', 'Transactions', 'count'),
      col('revenue', 'Revenue', 'money', 13),
      col('roi', 'ROI', 'ratio', 8),
      col('roas', 'ROAS', 'ratio'),
      col('ctr', 'CTR', 'rate'),
      col('conversion_rate', 'Conv.', 'rate', 8),
      col('cpa', 'CPA', 'money'),
    ],
    rows,
  };
}

async function channels({ store, range }: ExportContext): Promise<ExportTable> {
  const figures = await cachedFigures(store, range);
  return {
    title: 'Channels',
    columns: [
      col('channel', 'Channel', 'text', 22),
      col('revenue', 'Revenue', 'money', 15),
      col('spend', 'Spend', 'money', 15),
      col('roi', 'ROI', 'ratio', 8),
      col('roas', 'ROAS', 'ratio', 8),
      col('conversion_rate', 'Conv.', 'rate', 9),
      col('contribution_pct', 'Share', 'pct', 9),
      col('budget_allocated', 'Budget', 'money', 14),
      col('budget_utilization_pct', 'Used', 'pct', 9),
    ],
    rows: figures.channels.map((c) => [c.channel, c.revenue, c.spend, c.roi, c.roas, c.conversionRate, c.contributionPct, c.budgetAllocated, c.budgetUtilizationPct]),
  };
}

async function anomalies({ engine, range }: ExportContext): Promise<ExportTable> {
  const { anomalies } = await engine.anomalies(range);
  return {
    title: 'Anomalies',
    columns: [
      col('id', 'Id', 'text'),
      col('date', 'Date', 'text', 12),
      col('end_date', 'End', 'text'),
      col('kind', 'Kind', 'text'),
      col('days', 'Days', 'count'),
      col('campaign_id', 'Campaign id', 'text'),
      col('campaign_name', 'Campaign', 'text', 30),
      col('channel', 'Channel', 'text', 14),
      col('segment', 'Segment', 'text'),
      col('metric', 'Metric', 'text', 13),
      col('direction', 'Dir.', 'text', 7),
      col('value', 'Value', 'number', 11),
      col('expected', 'Expected', 'number', 11),
      col('score', 'Score', 'number'),
      col('severity', 'Severity', 'text', 9),
      col('method', 'Method', 'text'),
      col('z_score', 'z', 'number'),
      col('forest_score', 'Forest score', 'number'),
      col('explanation', 'Explanation', 'text'),
    ],
    rows: anomalies.map((a) => [
      a.id, a.date, a.endDate, a.kind, a.days, a.campaignId, a.campaignName, a.channel, a.segment, a.metric, a.direction,
      a.value, a.expected, a.score, a.severity, a.method, a.zScore, a.forestScore, a.explanation,
    ]),
  };
}

async function recommendations({ engine, range }: ExportContext): Promise<ExportTable> {
  const { recommendations } = await engine.recommendations(range);
  return {
    title: 'Recommendations',
    columns: [
      col('id', 'Id', 'text'),
      col('action', 'Action', 'text', 8),
      col('priority', 'Priority', 'text', 8),
      col('campaign_id', 'Campaign id', 'text'),
      col('campaign_name', 'Campaign', 'text', 30),
      col('channel', 'Channel', 'text', 12),
      col('segment', 'Segment', 'text'),
      col('confidence', 'Conf.', 'ratio', 6),
      col('spend_delta', 'Spend +/-', 'money', 12),
      col('revenue_delta', 'Revenue +/-', 'money', 12),
      col('roi_after', 'ROI after', 'ratio'),
      col('expected_value', 'Value', 'money', 12),
      col('source', 'Source', 'text'),
      col('reason', 'Reason', 'text'),
    ],
    rows: recommendations.map((r) => [
      r.id, r.action, r.priority, r.campaignId, r.campaignName, r.channel, r.segment, r.confidence,
      r.expectedImpact.spendDelta, r.expectedImpact.revenueDelta, r.expectedImpact.roiAfter, r.expectedValue, r.source, r.reason,
    ]),
  };
}

/** The report, flattened: its facts' figures, then its text, one row each. */
async function report({ report }: ExportContext): Promise<ExportTable> {
  const r = await report();
  const rows: Cell[][] = [];
  for (const [metric, value] of Object.entries(r.facts.totals)) rows.push(['kpi', 'total', metric, value, null]);
  for (const c of r.facts.channels)
    for (const [metric, value] of Object.entries(c)) if (metric !== 'channel') rows.push(['channel', c.channel, metric, value as Cell, null]);
  for (const [metric, value] of Object.entries(r.facts.budget)) if (typeof value === 'number' || value === null) rows.push(['budget', 'total', metric, value, null]);
  const s = r.facts.budgetSuggestion;
  if (s) {
    for (const [metric, value] of Object.entries(s)) if (typeof value === 'number' || value === null) rows.push(['budget suggestion', 'total', metric, value, null]);
    for (const c of s.channels)
      for (const [metric, value] of Object.entries(c)) if (typeof value === 'number' || value === null) rows.push(['budget suggestion', c.channel, metric, value, null]);
  }
  for (const h of r.highlights) rows.push(['highlight', null, h.metric, h.value, h.text]);
  r.narrative.split(/\n\s*\n/).forEach((p) => rows.push(['narrative', null, null, null, p]));
  for (const text of r.recommendations) rows.push(['recommendation', null, null, null, text]);
  for (const text of r.warnings) rows.push(['warning', null, null, null, text]);
  return {
    title: r.title,
    columns: [col('section', 'Section', 'text'), col('name', 'Name', 'text'), col('metric', 'Metric', 'text'), col('value', 'Value', 'number'), col('text', 'Text', 'text')],
    rows,
  };
}

/** A cell as the PDF prints it. */
export function formatCell(value: Cell, kind: ColumnKind): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'number') return String(value);
  switch (kind) {
    case 'money':
      return money(value);
    case 'ratio':
      return signedRatio(value);
    case 'rate':
      return signedPct(100 * value, 2);
    case 'pct':
      return signedPct(value);
    case 'count':
      return count(value);
    case 'number':
      return Math.abs(value) >= 100 ? amount(value) : String(Math.round(value * 10_000) / 10_000);
    case 'text':
      return String(value);
  }
}
