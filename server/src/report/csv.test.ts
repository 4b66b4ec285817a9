import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvStream } from './csv.js';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, chunks };
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
}

describe('CSV fields', () => {
  it('quotes commas, quotes, line breaks and edge spaces; leaves plain text and numbers bare', () => {
    expect(csvField('Spring Search')).toBe('Spring Search');
    expect(csvField('Loyal, "VIP" mail')).toBe('"Loyal, ""VIP"" mail"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(1234.5)).toBe('1234.5');
    expect(csvField(-0.35)).toBe('-0.35');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it.each([
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['  =1+1', "'  =1+1"],
    ['＝1+1', "'＝1+1"],
  ])('neutralises the formula %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('round-trips through a CSV parser with the same values', () => {
    const rows = [
      ['Ünïcode ✓ 日本', 'Loyal, "VIP" mail', 1234.5, -0.35, null],
      ['=1+1', 'line\nbreak', 0, 1e-7, 'plain'],
    ];
    const text = csvLine(['a', 'b', 'c', 'd', 'e']) + rows.map(csvLine).join('');
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    expect(parsed[0]).toEqual({ a: 'Ünïcode ✓ 日本', b: 'Loyal, "VIP" mail', c: '1234.5', d: '-0.35', e: '' });
    expect(parsed[1]).toEqual({ a: "'=1+1", b: 'line\nbreak', c: '0', d: '1e-7', e: 'plain' });
    expect(Number(parsed[1]!.d)).toBe(1e-7);
  });
});

describe('CSV stream', () => {
  it('starts with a BOM and the header, then produces rows in chunks, only as they are read', async () => {
    let produced = 0;
    function* rows() {
      for (let i = 0; i < 2_500; i++) {
        produced++;
        yield [i, `row ${i}`];
      }
    }
    const stream = csvStream(['n', 'label'], rows(), 1_000);
    const reader = stream.getReader();
    const first = await reader.read();
    const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value);
    expect(head.startsWith('\uFEFFn,label\r\n0,row 0\r\n')).toBe(true);
    expect(produced).toBeLessThanOrEqual(1_001);
    reader.releaseLock();
    const rest = await readAll(stream);
    expect(produced).toBe(2_500);
    expect(rest.chunks).toBe(2);
    const parsed = parse(head + rest.text, { columns: true, bom: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(2_500);
    expect(parsed[2_499]).toEqual({ n: '2499', label: 'row 2499' });
  });
});
