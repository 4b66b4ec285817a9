import type { AnomalyFact, BudgetSuggestionFact, RecommendationFact, ReportAudience, ReportFacts, ReportHighlight } from '@retailmind/sdk/contract';
import { amount, change, count, list, pct, plural, plusAmount, plusPct, quoted, ratio, ratioPct } from './format.js';
import type { WriterInput, WrittenReport } from './writer.js';

/**
 * The offline writer: a deterministic narrative from the facts, the default without an OpenAI key
 * and the fallback whenever the model's text is unavailable or fails the grounding check. It
 * prints only the facts' numbers (through `format.ts`), so it passes the same check; the tests
 * hold it to that on the sample and two generated data sets.
 */
export function writeOffline({ facts, audience }: WriterInput): WrittenReport {
  const executive = !facts.campaignLevel;
  const paragraphs = [overview(facts, audience), channels(facts, executive), budget(facts), reallocation(facts), engine(facts, audience)].filter(Boolean);
  return {
    title: title(facts, audience),
    narrative: paragraphs.join('\n\n'),
    highlights: highlights(facts),
    recommendations: executive ? channelActions(facts) : campaignActions(facts),
  };
}

export function title(facts: ReportFacts, audience: ReportAudience): string {
  const kind = audience === 'leadership' ? 'Executive summary' : audience === 'analyst' ? 'Marketing performance analysis' : 'Marketing performance';
  return `${kind}: ${facts.period.from} to ${facts.period.to}`;
}

function overview(f: ReportFacts, audience: ReportAudience): string {
  const t = f.totals;
  const days = plural(f.period.days, 'day');
  if (t.spend === 0 && t.revenue === 0) return `There was no campaign activity between ${f.period.from} and ${f.period.to}.`;
  const s: string[] = [];
  s.push(
    `Between ${f.period.from} and ${f.period.to}, campaigns brought in ${amount(t.revenue)} of attributed revenue on ${amount(t.spend)} of spend` +
      (t.roi === null ? '.' : `, a return on investment (ROI) of ${signed(t.roi)} (${signedPct(t.roi)}).`),
  );
  if (t.revenueChangePct === null) s.push(`There was no attributed revenue in the previous ${days} to compare with.`);
  else {
    const roiMove =
      t.roi !== null && t.previousRoi !== null && t.roiChange !== null
        ? t.roiChange === 0
          ? `, and ROI held at ${signed(t.roi)}`
          : `, and ROI ${t.roiChange > 0 ? 'rose' : 'fell'} from ${signed(t.previousRoi)} to ${signed(t.roi)}`
        : '';
    s.push(`Revenue ${change(t.revenueChangePct)} against the previous ${days}${roiMove}.`);
  }
  if (audience === 'analyst' && t.conversionRate !== null)
    s.push(`The conversion rate was ${ratioPct(t.conversionRate, 2)}: ${count(t.transactions)} transactions from ${count(t.clicks)} clicks.`);
  return s.join(' ');
}

function channels(f: ReportFacts, executive: boolean): string {
  const s: string[] = [];
  const best = f.bestChannelByRoi;
  const worst = f.worstChannelByRoi;
  if (best && worst && best.channel !== worst.channel)
    s.push(`${best.channel} delivered the highest ROI (${signed(best.value)}) and ${worst.channel} the lowest (${signed(worst.value)}).`);
  else if (best) s.push(`${best.channel} was the only channel with spend, at an ROI of ${signed(best.value)}.`);
  const up = f.bestChannelByChange;
  const down = f.worstChannelByChange;
  if (up && down && up.channel !== down.channel)
    s.push(`Against the previous period, ${up.channel} did best (revenue ${change(up.value, 'up', 'down')}) and ${down.channel} worst (revenue ${change(down.value, 'up', 'down')}).`);
  if (executive) {
    const top = [...f.channels].filter((c) => c.contributionPct !== null).sort((a, b) => (b.contributionPct ?? 0) - (a.contributionPct ?? 0))[0];
    if (top && top.contributionPct !== null) s.push(`${top.channel} brought the largest share of revenue (${pct(top.contributionPct)}).`);
  }
  return s.join(' ');
}

function budget(f: ReportFacts): string {
  const b = f.budget;
  if (b.status === 'no-budget' || b.utilizationPct === null || b.allocated === null) return 'No budget covers this period, so pacing cannot be judged.';
  const base = `Spend ran at ${pct(b.utilizationPct)} of the budget pro-rated to the period (${amount(b.used)} of ${amount(b.allocated)})`;
  const out = (items: { channel: string; utilizationPct: number }[]) => list(items.map((c) => `${c.channel} at ${pct(c.utilizationPct)}`));
  const band = `the ${pct(b.lowPct, 0)} to ${pct(b.highPct, 0)} band`;
  if (b.status === 'under') return `${base}: behind plan, below ${band}${b.channelsUnder.length ? ` (${out(b.channelsUnder)})` : ''}.`;
  if (b.status === 'over') return `${base}: ahead of plan, above ${band}${b.channelsOver.length ? ` (${out(b.channelsOver)})` : ''}.`;
  const outside = [...b.channelsUnder, ...b.channelsOver];
  return `${base}, within ${band}.` + (outside.length ? ` Outside it: ${out(outside)}.` : '');
}

/** Moves smaller than this share of the budget are not worth a word (as in the optimizer's own sentence). */
const NOTICEABLE_SHARE = 0.01;

type Move = BudgetSuggestionFact['channels'][number];

/** The channels whose budget the suggestion moves noticeably. */
function moves(s: BudgetSuggestionFact): Move[] {
  return s.channels.filter((c) => Math.abs(c.change) >= NOTICEABLE_SHARE * s.totalBudget);
}

/** "70% of Video's budget (26,698.34) and 12% of Display's (3,120.00)"; the largest cuts, then "others". */
function movedFrom(ms: Move[]): string {
  const cuts = ms.filter((c) => c.change < 0).sort((a, b) => a.change - b.change);
  const named = cuts.slice(0, 2).map((c, i) => {
    const share = c.changePct === null ? '' : `${pct(c.changePct, 0)} of `;
    return `${share}${c.channel}'s${i === 0 ? ' budget' : ''} (${amount(Math.abs(c.change))})`;
  });
  // The moves add up to zero, but each cut may be too small to name.
  if (!cuts.length) return "a little of the other channels' budgets";
  return list(cuts.length > 2 ? [...named, "some of the other channels'"] : named);
}

/** "Social (+32,455.88) and Affiliate (+7,788.63)"; the largest gains, then "others". */
function movedTo(ms: Move[], withAmounts: boolean): string {
  const gains = ms.filter((c) => c.change > 0).sort((a, b) => b.change - a.change);
  const named = gains.slice(0, 2).map((c) => (withAmounts ? `${c.channel} (${plusAmount(c.change)})` : c.channel));
  if (!gains.length) return 'the other channels';
  return list(gains.length > 2 ? [...named, 'others'] : named);
}

const verb = (names: string[], one: string, many: string) => (names.length === 1 ? one : many);

/** The budget optimizer's suggestion: what it moves, what it projects, how sure it is. */
function reallocation(f: ReportFacts): string {
  const s = f.budgetSuggestion;
  if (!s) return '';
  const horizon = `the next ${plural(s.days, 'day')}`;
  const out: string[] = [];
  const ms = moves(s);
  if (!ms.length) {
    out.push(
      `The budget optimizer finds the current split of the budget close to the best for ${horizon}: ` +
        `moving spend between channels would not change the projected ${amount(s.currentRevenue)} of revenue noticeably.`,
    );
  } else {
    const roi = s.currentRoi !== null && s.suggestedRoi !== null ? `, ROI ${signed(s.currentRoi)} to ${signed(s.suggestedRoi)}` : '';
    const lift = s.upliftPct === null ? plusAmount(s.upliftRevenue) : `${plusAmount(s.upliftRevenue)} (${plusPct(s.upliftPct)})`;
    out.push(
      `Splitting the same ${amount(s.totalBudget)} of spend differently over ${horizon} (each channel at its rate of the latest ${plural(s.runRateDays, 'day')}), ` +
        `the budget optimizer projects ${amount(s.suggestedRevenue)} of revenue (range ${amount(s.suggestedRevenueLow)} to ${amount(s.suggestedRevenueHigh)}) ` +
        `against ${amount(s.currentRevenue)} with the current split: ${lift}${roi}.`,
    );
    out.push(`It would move ${movedFrom(ms)} to ${movedTo(ms, true)}.`);
    const beyond = ms.filter((c) => c.extrapolated).map((c) => c.channel);
    if (beyond.length)
      out.push(
        `The suggested spend of ${list(beyond)} lies outside anything ${verb(beyond, 'it has', 'they have')} run at, so treat ${verb(beyond, 'its', 'their')} projection as a rough guess.`,
      );
  }
  const left = s.channelsLeftOut;
  if (left.length) out.push(`${list(left)} ${verb(left, 'has', 'have')} too little data for a response curve and ${verb(left, 'is', 'are')} left as ${verb(left, 'it is', 'they are')}.`);
  return out.join(' ');
}

/** The suggestion as one action, when it moves anything. */
function reallocationAction(f: ReportFacts): string[] {
  const s = f.budgetSuggestion;
  const ms = s ? moves(s) : [];
  if (!s || !ms.length) return [];
  const lift = s.upliftPct === null ? `${plusAmount(s.upliftRevenue)} of` : plusPct(s.upliftPct);
  return [
    `Consider moving ${movedFrom(ms)} to ${movedTo(ms, false)}: projected ${lift} revenue over the next ${plural(s.days, 'day')} ` +
      `(${amount(s.suggestedRevenue)}, range ${amount(s.suggestedRevenueLow)} to ${amount(s.suggestedRevenueHigh)}, against ${amount(s.currentRevenue)} now).`,
  ];
}

const METRIC_LABEL: Record<AnomalyFact['metric'], string> = {
  spend: 'spend',
  clicks: 'clicks',
  conversionRate: 'conversion-rate',
  revenue: 'revenue',
  cpa: 'cost-per-acquisition',
};

function metricValue(a: AnomalyFact, v: number): string {
  return a.metric === 'conversionRate' ? ratioPct(v, 2) : a.metric === 'clicks' ? count(v) : amount(v);
}

function describeAnomaly(a: AnomalyFact): string {
  const what = `${a.kind === 'shift' ? 'lasting ' : ''}${METRIC_LABEL[a.metric]} ${a.direction}`;
  return `a ${what} in ${quoted(a.campaignName)} (${a.channel}) from ${a.date}: ${metricValue(a, a.value)} against ${metricValue(a, a.expected)} expected`;
}

function engine(f: ReportFacts, audience: ReportAudience): string {
  const a = f.anomalies;
  const r = f.recommendations;
  const s: string[] = [];
  if (a.count === 0) s.push('The decision engine flagged no anomalies in the period.');
  else {
    const severity = `${count(a.high)} of high severity`;
    if (!f.campaignLevel) {
      const most = a.byChannel[0];
      s.push(`The decision engine flagged ${plural(a.count, 'anomaly', 'anomalies')} (${severity})${most ? `, the most in ${most.channel} (${count(most.count)})` : ''}.`);
    } else {
      const shown = a.top.slice(0, audience === 'analyst' ? 3 : 1);
      const lead = shown.length > 1 ? 'the strongest were' : 'the strongest was';
      s.push(`The decision engine flagged ${plural(a.count, 'anomaly', 'anomalies')} (${severity}); ${lead} ${list(shown.map(describeAnomaly))}.`);
    }
  }
  if (r.count === 0) s.push('It has no recommendations for the period.');
  else {
    const parts = [
      r.byAction.pause ? `${count(r.byAction.pause)} to pause` : '',
      r.byAction.alert ? `${count(r.byAction.alert)} to review for high spend` : '',
      r.byAction.scale ? `${count(r.byAction.scale)} to scale` : '',
      r.byAction.monitor ? `${count(r.byAction.monitor)} to monitor` : '',
    ].filter(Boolean);
    s.push(`It recommends acting on ${plural(r.count, 'campaign')}: ${list(parts)}.`);
  }
  return s.join(' ');
}

function campaignActions(f: ReportFacts): string[] {
  const items = f.recommendations.top.map(campaignAction);
  return [...items, ...reallocationAction(f), ...pacingActions(f)];
}

function campaignAction(r: RecommendationFact): string {
  const who = `${quoted(r.campaignName)} (${r.channel}, ${r.segment})`;
  const roi = r.roi === null ? '' : `ROI ${signed(r.roi)} over the period; `;
  switch (r.action) {
    case 'pause':
      return `Pause ${who}: ${roi}this saves ${amount(Math.abs(r.spendDelta))} of spend for ${amount(Math.abs(r.revenueDelta))} of revenue forgone.`;
    case 'scale':
      return `Scale ${who}: ${roi}${amount(Math.abs(r.spendDelta))} more spend is expected to bring ${amount(Math.abs(r.revenueDelta))} more revenue${r.roiAfter === null ? '' : ` (ROI after: ${signed(r.roiAfter)})`}.`;
    case 'alert':
      return `Review ${who}: ${roi}spend is high against its sales; cutting ${amount(Math.abs(r.spendDelta))} of spend would cost ${amount(Math.abs(r.revenueDelta))} of revenue.`;
    case 'monitor':
      return `Monitor ${who}: ${roi}the signal is not yet strong enough to act on.`;
  }
}

function channelActions(f: ReportFacts): string[] {
  const items = f.recommendations.byChannel.slice(0, 5).map((r) => {
    const n = plural(r.campaigns, 'campaign');
    switch (r.action) {
      case 'pause':
        return `${r.channel}: pausing ${n} that ${r.campaigns === 1 ? 'loses' : 'lose'} money would save ${amount(Math.abs(r.spendDelta))} of spend for ${amount(Math.abs(r.revenueDelta))} of revenue.`;
      case 'scale':
        return `${r.channel}: scaling ${n} is expected to add ${amount(Math.abs(r.revenueDelta))} of revenue for ${amount(Math.abs(r.spendDelta))} more spend.`;
      case 'alert':
        return `${r.channel}: ${n} ${r.campaigns === 1 ? 'spends' : 'spend'} heavily for low sales and should be reviewed.`;
      case 'monitor':
        return `${r.channel}: ${n} to watch; not enough evidence to act yet.`;
    }
  });
  return [...items, ...reallocationAction(f), ...pacingActions(f)];
}

function pacingActions(f: ReportFacts): string[] {
  const b = f.budget;
  const out: string[] = [];
  for (const c of b.channelsOver) out.push(`Check ${c.channel}'s pacing: it has spent ${pct(c.utilizationPct)} of its pro-rated budget.`);
  for (const c of b.channelsUnder) out.push(`Check ${c.channel}'s pacing: it has spent only ${pct(c.utilizationPct)} of its pro-rated budget.`);
  return out.slice(0, 3);
}

/** Highlights name their figure; the value beside them is the fact, written where it is shown. */
function highlights(f: ReportFacts): ReportHighlight[] {
  const t = f.totals;
  const h: ReportHighlight[] = [];
  h.push({ text: 'Attributed revenue', metric: 'totals.revenue', value: t.revenue });
  if (t.roi !== null) h.push({ text: 'Return on investment (ROI)', metric: 'totals.roi', value: t.roi });
  if (t.revenueChangePct !== null) h.push({ text: 'Revenue against the previous period', metric: 'totals.revenueChangePct', value: t.revenueChangePct });
  if (f.bestChannelByRoi) h.push({ text: `Best ROI (${f.bestChannelByRoi.channel})`, metric: `channels.${f.bestChannelByRoi.channel}.roi`, value: f.bestChannelByRoi.value });
  if (f.worstChannelByRoi && f.worstChannelByRoi.channel !== f.bestChannelByRoi?.channel)
    h.push({ text: `Lowest ROI (${f.worstChannelByRoi.channel})`, metric: `channels.${f.worstChannelByRoi.channel}.roi`, value: f.worstChannelByRoi.value });
  if (f.budget.utilizationPct !== null) h.push({ text: 'Budget used, of plan', metric: 'budget.utilizationPct', value: f.budget.utilizationPct });
  h.push({ text: 'Anomalies flagged', metric: 'anomalies.count', value: f.anomalies.count });
  const s = f.budgetSuggestion;
  if (s && moves(s).length && s.upliftPct !== null)
    h.push({ text: 'Budget optimizer: projected revenue from a new split', metric: 'budgetSuggestion.upliftPct', value: s.upliftPct });
  return h;
}

/** A ratio with its sign (ROI can be negative): `-0.35`, `1.70`. */
const signed = (v: number) => (v < 0 ? `-${ratio(v)}` : ratio(v));
const signedPct = (v: number) => (v < 0 ? `-${ratioPct(v)}` : ratioPct(v));
