/**
 * The optimizer's answer in one sentence a manager can act on: which budget moves where, and what
 * it is projected to change. Numbers come from the data; money is a plain amount (the currency is
 * the reader's), e.g. "Move 1,240 (35%) of Email's budget to Social: +8,400 revenue over 30 days
 * (+4.2%), ROI 2.10 → 2.40."
 */
import { count, ratio } from '../format.js';

export interface SentenceRow {
  channel: string;
  current: number;
  proposed: number;
  extrapolated: boolean;
}

export interface SentenceInput {
  rows: SentenceRow[];
  days: number;
  currentRevenue: number;
  proposedRevenue: number;
  currentRoi: number | null;
  proposedRoi: number | null;
}

/** Moves smaller than this share of the budget are not worth a word. */
const NOTICEABLE = 0.01;

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${count(Math.abs(v))}`;
const pct = (v: number) => `${Math.round(100 * v)}%`;
const signedPct = (v: number) => `${v >= 0 ? '+' : '−'}${(100 * Math.abs(v)).toFixed(1)}%`;

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function top<T>(items: T[], n: number, more: (rest: number) => T): T[] {
  return items.length <= n ? items : [...items.slice(0, n), more(items.length - n)];
}

export function recommendationSentence(input: SentenceInput): string {
  const { rows, days } = input;
  const current = rows.reduce((s, r) => s + r.current, 0);
  const proposed = rows.reduce((s, r) => s + r.proposed, 0);
  const scale = Math.max(current, proposed);
  const moves = rows.map((r) => ({ ...r, delta: r.proposed - r.current })).filter((r) => Math.abs(r.delta) >= NOTICEABLE * scale);
  const up = moves.filter((r) => r.delta > 0).sort((a, b) => b.delta - a.delta);
  const down = moves.filter((r) => r.delta < 0).sort((a, b) => a.delta - b.delta);
  const revenueDelta = input.proposedRevenue - input.currentRevenue;
  const roiPart =
    input.currentRoi !== null && input.proposedRoi !== null ? `, ROI ${ratio(input.currentRoi)} → ${ratio(input.proposedRoi)}` : '';
  const effect = `${signed(revenueDelta)} revenue over ${days} days (${input.currentRevenue > 0 ? signedPct(revenueDelta / input.currentRevenue) : 'from none'})${roiPart}.`;

  if (moves.length === 0) {
    return `Keep the current split: no change within these constraints moves more than 1% of the budget (projected ${effect.replace(/\.$/, '')}).`;
  }
  const channelList = (rs: typeof moves, withAmounts: boolean) =>
    list(top(rs.map((r) => (withAmounts ? `${r.channel} (${signed(r.delta)})` : r.channel)), 2, (n) => `${n} more`));
  const budgetChange = proposed - current;
  let action: string;
  if (Math.abs(budgetChange) < NOTICEABLE * scale) {
    const from = list(
      top(
        down.map((r, i) => `${count(-r.delta)} (${pct(-r.delta / r.current)}) of ${r.channel}'s${i === 0 ? ' budget' : ''}`),
        2,
        (n) => `some of ${n} more`,
      ),
    );
    action = `Move ${from} to ${channelList(up, up.length > 1)}`;
  } else if (budgetChange > 0) {
    action = `Raise the budget by ${count(budgetChange)} to ${count(proposed)}${up.length ? `, into ${channelList(up, true)}` : ''}${
      down.length ? `, taking ${count(-down.reduce((s, r) => s + r.delta, 0))} from ${channelList(down, false)}` : ''
    }`;
  } else {
    action = `Cut the budget by ${count(-budgetChange)} to ${count(proposed)}${down.length ? `, from ${channelList(down, true)}` : ''}${
      up.length ? `, moving ${count(up.reduce((s, r) => s + r.delta, 0))} into ${channelList(up, false)}` : ''
    }`;
  }
  const beyond = rows.filter((r) => r.extrapolated && r.proposed !== r.current).map((r) => r.channel);
  const caveat = beyond.length
    ? ` ${list(beyond)}'s new spend is beyond anything ${beyond.length > 1 ? 'they have' : 'it has'} run at, so treat ${beyond.length > 1 ? 'their' : 'its'} projection as a rough guess.`
    : '';
  return `${action}: ${effect}${caveat}`;
}
