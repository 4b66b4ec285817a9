import { describe, expect, it } from 'vitest';
import { recommendationSentence, type SentenceRow } from './sentence.js';

const row = (channel: string, current: number, proposed: number, extrapolated = false): SentenceRow => ({ channel, current, proposed, extrapolated });
const base = { days: 30, currentRevenue: 200_000, currentRoi: 2.1, proposedRoi: 2.4 };

describe('the recommendation sentence', () => {
  it('names what moves from where to where, with the projected effect, and no currency', () => {
    const s = recommendationSentence({
      ...base,
      rows: [row('Email', 10_000, 6_500), row('Social', 20_000, 23_500), row('Search', 30_000, 30_000)],
      proposedRevenue: 208_400,
    });
    expect(s).toBe('Move 3,500 (35%) of Email\'s budget to Social: +8,400 revenue over 30 days (+4.2%), ROI 2.10 → 2.40.');
    expect(s).not.toMatch(/[$€£]/);
  });

  it('lists two donors and two receivers at most', () => {
    const s = recommendationSentence({
      ...base,
      rows: [row('A', 10_000, 5_000), row('B', 10_000, 8_000), row('C', 10_000, 9_000), row('D', 10_000, 13_000), row('E', 10_000, 11_000), row('F', 10_000, 14_000)],
      proposedRevenue: 210_000,
    });
    expect(s).toMatch(/^Move 5,000 \(50%\) of A's budget, 2,000 \(20%\) of B's and some of 1 more to F \(\+4,000\), D \(\+3,000\) and 1 more:/);
  });

  it('says when the budget itself should grow or shrink', () => {
    const up = recommendationSentence({ ...base, rows: [row('Email', 10_000, 10_000), row('Social', 20_000, 30_000)], proposedRevenue: 220_000 });
    expect(up).toMatch(/^Raise the budget by 10,000 to 40,000, into Social \(\+10,000\): \+20,000 revenue over 30 days \(\+10\.0%\)/);
    const down = recommendationSentence({ ...base, rows: [row('Email', 10_000, 4_000), row('Social', 20_000, 20_000)], proposedRevenue: 190_000 });
    expect(down).toMatch(/^Cut the budget by 6,000 to 24,000, from Email \(−6,000\): −10,000 revenue over 30 days \(−5\.0%\)/);
  });

  it('keeps the split when nothing moves, and warns about extrapolation', () => {
    expect(recommendationSentence({ ...base, rows: [row('Email', 10_000, 10_010)], proposedRevenue: 200_020 })).toMatch(/^Keep the current split/);
    const s = recommendationSentence({ ...base, rows: [row('Email', 10_000, 2_000), row('Social', 10_000, 18_000, true)], proposedRevenue: 205_000 });
    expect(s).toMatch(/Social's new spend is beyond anything it has run at/);
  });
});
