import type { ReportResponse } from '@retailmind/sdk/contract';
import { jsPDF } from 'jspdf';
import { formatCell, type ExportTable } from './export-views.js';
import { amount, count, highlightLine, money, signedPct, signedRatio } from './format.js';
import { suggestionTable } from './suggestion-table.js';

/**
 * The report as a PDF, drawn with jsPDF on the server: title, period, KPI table, a channel
 * comparison chart made of jsPDF's own vector shapes (no canvas, no images), the budget
 * optimizer's suggestion, the narrative, highlights and recommendations, then optionally one table
 * of an export view. Millimetres throughout; the layout reads the page size, so A4 and Letter both
 * fit, and long content flows onto new pages. Text uses the built-in Helvetica (WinAnsi): `safe`
 * maps the typography we and models write to it; other scripts (CJK, Cyrillic, …) print as `?`.
 */

export type Paper = 'a4' | 'letter';

export interface PdfOptions {
  paper: Paper;
  /** An export view's rows, printed after the report (first `MAX_TABLE_ROWS`). */
  table?: ExportTable;
}

export const MAX_TABLE_ROWS = 400;

const MARGIN = 16;
const INK: [number, number, number] = [33, 37, 41];
const MUTED: [number, number, number] = [108, 117, 125];
const RULE: [number, number, number] = [206, 212, 218];
const REVENUE: [number, number, number] = [47, 111, 223];
const SPEND: [number, number, number] = [173, 181, 189];
const PT = 0.3528; // mm per point

export function reportPdf(report: ReportResponse, options: PdfOptions): ArrayBuffer {
  const doc = new jsPDF({ unit: 'mm', format: options.paper, compress: true });
  doc.setProperties({ title: safe(report.title), subject: `RetailMind report ${report.period.from} to ${report.period.to}`, creator: 'RetailMind' });
  const page = new Page(doc);

  // Title and period
  page.text(report.title, { size: 17, bold: true });
  page.text(`Period: ${report.period.from} to ${report.period.to}   Audience: ${report.audience}   Written by: ${report.generatedBy}${report.model ? ` (${report.model})` : ''}`, {
    size: 9,
    color: MUTED,
  });
  page.gap(4);

  kpiTable(page, report);
  channelChart(page, report);
  budgetSuggestion(page, report);

  page.heading('Summary');
  for (const paragraph of report.narrative.split(/\n\s*\n/)) {
    page.text(paragraph.replace(/\s*\n\s*/g, ' '), { size: 10 });
    page.gap(2);
  }
  if (report.highlights.length) {
    page.heading('Highlights');
    for (const h of report.highlights) page.bullet(highlightLine(h));
  }
  page.heading('Recommendations');
  if (report.recommendations.length) for (const r of report.recommendations) page.bullet(r);
  else page.text('No actions recommended for this period.', { size: 10 });

  if (report.warnings.length) {
    page.gap(3);
    for (const w of report.warnings) page.text(`Note: ${w}`, { size: 8, color: MUTED });
  }
  if (options.table) table(page, options.table);

  page.footer(`RetailMind · ${report.period.from} to ${report.period.to}`);
  return doc.output('arraybuffer');
}

function kpiTable(page: Page, report: ReportResponse) {
  const t = report.facts.totals;
  const b = report.facts.budget;
  const a = report.facts.anomalies;
  const r = report.facts.recommendations;
  const signedChange = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);
  const signedChangePct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
  page.heading('Key figures');
  tableRows(
    page,
    [
      { label: 'Metric', width: 34, align: 'left' },
      { label: 'This period', width: 24, align: 'right' },
      { label: 'Previous period', width: 24, align: 'right' },
      { label: 'Change', width: 18, align: 'right' },
    ],
    [
      ['Revenue', amount(t.revenue), amount(t.previousRevenue), signedChangePct(t.revenueChangePct)],
      ['Spend', amount(t.spend), amount(t.previousSpend), signedChangePct(t.spendChangePct)],
      ['ROI', signedRatio(t.roi), signedRatio(t.previousRoi), signedChange(t.roiChange)],
      ['ROAS', signedRatio(t.roas), '—', '—'],
      ['Conversion rate', t.conversionRate === null ? '—' : signedPct(100 * t.conversionRate, 2), '—', '—'],
      ['Transactions', count(t.transactions), '—', '—'],
      ['Budget used (pro-rated)', b.utilizationPct === null ? '—' : `${signedPct(b.utilizationPct)} of ${money(b.allocated)}`, '—', b.status],
      ['Anomalies', `${count(a.count)} (${count(a.high)} high)`, '—', '—'],
      ['Recommendations', count(r.count), '—', '—'],
    ],
  );
  page.gap(4);
}

/** Horizontal bars, revenue and spend per channel, on one scale; ROI in the label. */
function channelChart(page: Page, report: ReportResponse) {
  const channels = report.facts.channels.filter((c) => c.revenue > 0 || c.spend > 0);
  if (!channels.length) return;
  const doc = page.doc;
  const labelWidth = 44;
  const valueWidth = 26;
  const barArea = page.width - labelWidth - valueWidth;
  const barHeight = 3.2;
  const rowHeight = 2 * barHeight + 3.2;
  const max = Math.max(...channels.map((c) => Math.max(c.revenue, c.spend)), 1);

  page.heading('Revenue and spend by channel');
  page.ensure(8 + rowHeight * Math.min(channels.length, 3));
  // legend
  let x = MARGIN;
  for (const [label, color] of [
    ['Revenue', REVENUE],
    ['Spend', SPEND],
  ] as const) {
    doc.setFillColor(...color);
    doc.rect(x, page.y - 2.6, 3, 3, 'F');
    page.write(label, x + 4.5, page.y, { size: 8, color: MUTED });
    x += 24;
  }
  page.y += 4;
  for (const c of channels) {
    page.ensure(rowHeight);
    const top = page.y;
    page.write(clip(doc, c.channel, labelWidth - 2, 9), MARGIN, top + barHeight, { size: 9 });
    page.write(`ROI ${signedRatio(c.roi)}`, MARGIN, top + 2 * barHeight + 0.6, { size: 7, color: MUTED });
    const x0 = MARGIN + labelWidth;
    for (const [i, value, color] of [
      [0, c.revenue, REVENUE],
      [1, c.spend, SPEND],
    ] as const) {
      const y = top + i * (barHeight + 0.6);
      const w = Math.max((value / max) * barArea, value > 0 ? 0.4 : 0);
      doc.setFillColor(...color);
      if (w > 0) doc.rect(x0, y, w, barHeight, 'F');
      page.write(amount(value), x0 + w + 1.5, y + barHeight - 0.5, { size: 7, color: MUTED });
    }
    // the axis the bars start from
    doc.setDrawColor(...RULE);
    doc.setLineWidth(0.2);
    doc.line(x0, top - 0.6, x0, top + rowHeight - 2.6);
    page.y = top + rowHeight;
  }
  page.gap(3);
}

/** Column widths (% of the content width) of the suggestion's table, in `SUGGESTION_COLUMNS` order. */
const SUGGESTION_WIDTHS = [22, 16, 16, 15, 10, 21];

function budgetSuggestion(page: Page, report: ReportResponse) {
  const s = report.facts.budgetSuggestion;
  if (!s) return;
  const t = suggestionTable(s);
  page.heading(t.title);
  const last = t.columns.length - 1;
  tableRows(
    page,
    t.columns.map((label, i) => ({ label, width: SUGGESTION_WIDTHS[i] ?? 10, align: i === 0 || i === last ? 'left' : 'right' })),
    t.rows,
    8.5,
  );
  page.gap(1.5);
  for (const note of t.notes) page.text(note, { size: 8.5, color: MUTED });
  page.gap(3);
}

function table(page: Page, t: ExportTable) {
  const columns = t.columns.filter((c) => c.pdf);
  const total = columns.reduce((s, c) => s + (c.pdf ?? 0), 0);
  page.heading(t.title);
  const rows = t.rows.slice(0, MAX_TABLE_ROWS);
  tableRows(
    page,
    columns.map((c) => ({ label: c.label, width: (100 * (c.pdf ?? 0)) / total, align: c.kind === 'text' ? 'left' : 'right' })),
    rows.map((row) => columns.map((c) => formatCell(row[t.columns.indexOf(c)], c.kind))),
    7.5,
  );
  if (t.rows.length > rows.length) page.text(`First ${count(rows.length)} of ${count(t.rows.length)} rows; the CSV export has them all.`, { size: 8, color: MUTED });
}

interface TableColumn {
  label: string;
  /** Share of the content width, in %. */
  width: number;
  align: 'left' | 'right';
}

function tableRows(page: Page, columns: TableColumn[], rows: string[][], size = 9) {
  const doc = page.doc;
  const lineHeight = size * PT * 1.55;
  const widths = columns.map((c) => (c.width / columns.reduce((s, x) => s + x.width, 0)) * page.width);
  const header = columns.map((c) => c.label);
  const drawRow = (cells: string[], bold: boolean) => {
    // A table that runs onto a new page repeats its header there.
    if (page.ensure(lineHeight) && !bold) drawRow(header, true);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      const text = clip(doc, cell, w - 2, size, bold);
      const align = columns[i]!.align;
      page.write(text, align === 'right' ? x + w - 1 : x + (i === 0 ? 0 : 1), page.y + lineHeight - 1.6, { size, bold, align, color: bold ? MUTED : INK });
      x += w;
    });
    page.y += lineHeight;
    doc.setDrawColor(...RULE);
    doc.setLineWidth(bold ? 0.3 : 0.1);
    doc.line(MARGIN, page.y, MARGIN + page.width, page.y);
  };
  page.ensure(3 * lineHeight);
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
}

/** The text shortened with an ellipsis to fit `width` mm at `size` pt. */
function clip(doc: jsPDF, text: string, width: number, size: number, bold = false): string {
  const s = safe(text);
  doc.setFont('helvetica', bold ? 'bold' : 'normal');
  doc.setFontSize(size);
  if (doc.getTextWidth(s) <= width) return s;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.getTextWidth(`${s.slice(0, mid)}...`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo)}...`;
}

// Characters of WinAnsiEncoding above Latin-1's control range that the built-in fonts can show.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Typography outside WinAnsi that we, the engine or a model write, as its nearest WinAnsi text. */
const REPLACEMENTS: Record<string, string> = {
  '−': '-', '‐': '-', '‑': '-', '‒': '–', '―': '—', '′': "'", '″': '"',
  '→': '->', '←': '<-', '⇒': '=>', '≥': '>=', '≤': '<=', '≠': '!=', '≈': '~',
  '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u200b': '', '\u200d': '', '\ufe0f': '', '\ufeff': '',
};
const printable = (ch: string) => ch.codePointAt(0)! <= 0xff || WIN_ANSI_EXTRA.has(ch);

/**
 * Text the built-in Helvetica can print: the replacements above, then letters whose compatibility
 * decomposition is printable once accents are dropped (`ł` stays `?`, `č` becomes `c`, `ﬁ` `fi`),
 * anything else (other scripts, emoji) as `?`.
 */
export function safe(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ')) out += REPLACEMENTS[ch] ?? (printable(ch) ? ch : folded(ch) || '?');
  return out;
}

/** The printable part of a character's compatibility decomposition, accents dropped. */
function folded(ch: string): string {
  return [...ch.normalize('NFKD').replace(/\p{M}/gu, '')].filter(printable).join('');
}

/** A cursor down the pages: wraps text to the content width and starts a new page when one is full. */
class Page {
  y = MARGIN + 4;
  readonly width: number;
  private readonly height: number;

  constructor(readonly doc: jsPDF) {
    this.width = doc.internal.pageSize.getWidth() - 2 * MARGIN;
    this.height = doc.internal.pageSize.getHeight();
  }

  /** Starts a new page unless `space` mm fit on this one; says whether it did. */
  ensure(space: number): boolean {
    if (this.y + space <= this.height - MARGIN - 6) return false;
    this.doc.addPage();
    this.y = MARGIN + 4;
    return true;
  }

  gap(mm: number) {
    this.y += mm;
  }

  write(text: string, x: number, y: number, o: { size: number; bold?: boolean; color?: [number, number, number]; align?: 'left' | 'right' }) {
    this.doc.setFont('helvetica', o.bold ? 'bold' : 'normal');
    this.doc.setFontSize(o.size);
    this.doc.setTextColor(...(o.color ?? INK));
    this.doc.text(safe(text), x, y, { align: o.align ?? 'left' });
  }

  /** A wrapped paragraph at the cursor. */
  text(text: string, o: { size: number; bold?: boolean; color?: [number, number, number]; indent?: number }) {
    const indent = o.indent ?? 0;
    this.doc.setFont('helvetica', o.bold ? 'bold' : 'normal');
    this.doc.setFontSize(o.size);
    const lines = this.doc.splitTextToSize(safe(text), this.width - indent) as string[];
    const lineHeight = o.size * PT * 1.4;
    for (const line of lines) {
      this.ensure(lineHeight);
      this.y += lineHeight;
      this.write(line, MARGIN + indent, this.y - lineHeight * 0.25, o);
    }
  }

  heading(text: string) {
    this.ensure(14);
    this.gap(3);
    this.text(text, { size: 12, bold: true });
    this.gap(1.5);
  }

  bullet(text: string) {
    const lineHeight = 10 * PT * 1.4;
    this.ensure(lineHeight);
    this.write('•', MARGIN + 1, this.y + lineHeight * 0.75, { size: 10 });
    this.text(text, { size: 10, indent: 5 });
    this.gap(1);
  }

  footer(text: string) {
    const pages = this.doc.getNumberOfPages();
    for (let i = 1; i <= pages; i++) {
      this.doc.setPage(i);
      this.write(`${text}   page ${i} of ${pages}`, MARGIN, this.height - MARGIN / 2, { size: 7, color: MUTED });
    }
  }
}
