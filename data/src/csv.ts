/** RFC 4180 field quoting: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: Array<string | number>): string {
  return values.map(csvField).join(',');
}

/** Builds a CSV file from a header and rows; joined once, so large files stay fast. */
export function csvFile(header: readonly string[], rows: string[]): string {
  return [header.join(','), ...rows].join('\n') + '\n';
}
