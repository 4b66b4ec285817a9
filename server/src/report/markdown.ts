import type { ReportResponse } from '@retailmind/sdk/contract';
import { highlightLine } from './format.js';
import { suggestionTable } from './suggestion-table.js';

/**
 * A report as Markdown. Every piece of text (the writers' prose, campaign and channel names) is
 * escaped, so a name such as `<img src=x onerror=…>` or `[click](http://…)` shows as those
 * characters and never becomes markup, a link or a heading.
 */
export function reportMarkdown(report: ReportResponse): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(report.title)}`, '');
  lines.push(`*Period: ${report.period.from} to ${report.period.to} · audience: ${report.audience} · written by ${report.generatedBy}${report.model ? ` (${escapeMarkdown(report.model)})` : ''}*`, '');
  for (const paragraph of report.narrative.split(/\n\s*\n/)) lines.push(escapeMarkdown(paragraph.replace(/\s*\n\s*/g, ' ').trim()), '');
  if (report.highlights.length) {
    lines.push('## Highlights', '');
    for (const h of report.highlights) lines.push(`- ${escapeMarkdown(highlightLine(h))}`);
    lines.push('');
  }
  if (report.recommendations.length) {
    lines.push('## Recommendations', '');
    for (const r of report.recommendations) lines.push(`- ${escapeMarkdown(r)}`);
    lines.push('');
  }
  if (report.facts.budgetSuggestion) {
    const t = suggestionTable(report.facts.budgetSuggestion);
    lines.push(`## ${escapeMarkdown(t.title)}`, '');
    lines.push(`| ${t.columns.join(' | ')} |`, `|${t.columns.map((_, i) => (i === 0 || i === t.columns.length - 1 ? ' --- |' : ' ---: |')).join('')}`);
    for (const row of t.rows) lines.push(`| ${row.map(escapeInline).join(' | ')} |`);
    lines.push('');
    for (const note of t.notes) lines.push(escapeMarkdown(note), '');
  }
  if (report.warnings.length) {
    lines.push('## Notes', '');
    for (const w of report.warnings) lines.push(`- ${escapeMarkdown(w)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Backslash-escapes Markdown's punctuation (CommonMark: any ASCII punctuation may be escaped) and keeps text on one line. */
export function escapeMarkdown(text: string): string {
  return escapeInline(text)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** The inline part of `escapeMarkdown`, enough inside a table cell (where no line starts a block). */
function escapeInline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>#|~&]/g, (c) => `\\${c}`);
}
