import type { Recommendation, RecommendationThresholds } from '@retailmind/sdk/contract';
import * as m from '../metrics/index.js';
import { amount, percent, ratio } from './format.js';
import type { ImpactEstimator } from './model.js';
import { clamp } from './stats.js';
import type { CampaignWindow, ChannelStats } from './window.js';

type Action = Recommendation['action'];
type Source = Recommendation['source'];

export interface RecommendationContext {
  windows: CampaignWindow[];
  channels: Map<string, ChannelStats>;
  thresholds: RecommendationThresholds;
  /** The revenue model's what-if, when a model is trained. */
  impact: ImpactEstimator | null;
  /** The model's holdout R² (0–1), which tempers confidence in model-estimated impacts. */
  modelFit: number;
}

interface Draft {
  action: Action;
  source: Source;
  reason: string;
  evidence: Recommendation['evidence'];
  spendDelta: number;
  revenueDelta: number;
  /** How far past its threshold the deciding signal is, 0–1. */
  margin: number;
  usesModel: boolean;
}

/**
 * Rules first, each with configurable thresholds; the revenue model then prices the action
 * (scale: the revenue of +X % spend; pause: the spend saved and the revenue lost). Where no rule
 * fires but the model sees a strong return on more spend, the model recommends scaling alone.
 * Sorted by expected value of acting: confidence × the profit it changes.
 */
export function recommend(ctx: RecommendationContext): Recommendation[] {
  const out: Recommendation[] = [];
  for (const w of ctx.windows) {
    if (w.spend <= 0) continue;
    const channel = ctx.channels.get(w.campaign.channel);
    const draft = decide(w, channel, ctx);
    if (!draft) continue;
    const volume = clamp(w.clicks / (5 * Math.max(1, ctx.thresholds.minClicks)), 0, 1);
    const fit = draft.usesModel ? 0.5 + 0.5 * clamp(ctx.modelFit, 0, 1) : 1;
    const confidence = round(volume * (0.5 + 0.5 * draft.margin) * fit, 2);
    const profit = draft.revenueDelta - draft.spendDelta;
    const gain = draft.action === 'monitor' ? 0 : Math.max(0, draft.action === 'alert' ? Math.max(profit, w.spend - w.revenue) : profit);
    const expectedValue = round(confidence * gain, 2);
    const spendAfter = w.spend + draft.spendDelta;
    out.push({
      id: `${w.campaign.id}:${draft.action}`,
      campaignId: w.campaign.id,
      campaignName: w.campaign.name,
      channel: w.campaign.channel,
      segment: w.campaign.segment,
      action: draft.action,
      priority: gain >= 0.25 * w.spend ? 'high' : gain >= 0.05 * w.spend ? 'medium' : 'low',
      confidence,
      reason: draft.reason,
      evidence: draft.evidence,
      expectedImpact: {
        spendDelta: round(draft.spendDelta, 2),
        revenueDelta: round(draft.revenueDelta, 2),
        roiAfter: spendAfter > 0 ? round(m.roi(w.revenue + draft.revenueDelta, spendAfter)!, 4) : null,
      },
      expectedValue,
      source: draft.source,
    });
  }
  const rank: Record<Action, number> = { pause: 0, alert: 1, scale: 2, monitor: 3 };
  return out.sort((a, b) => b.expectedValue - a.expectedValue || rank[a.action] - rank[b.action] || a.campaignId.localeCompare(b.campaignId));
}

function decide(w: CampaignWindow, channel: ChannelStats | undefined, ctx: RecommendationContext): Draft | null {
  const t = ctx.thresholds;
  const roi = m.roi(w.revenue, w.spend)!;
  const roas = m.roas(w.revenue, w.spend)!;
  const cr = m.conversionRate(w.transactions, w.clicks);
  const channelCr = channel?.conversionRate ?? null;
  const crRatio = cr !== null && channelCr ? cr / channelCr : null;
  const equalShare = channel && channel.campaigns > 0 ? channel.spend / channel.campaigns : null;
  const sharePct = equalShare ? (100 * w.spend) / equalShare : null;
  const utilization = channel?.utilizationPct ?? null;
  const spendRatio = channel && channel.medianSpend > 0 ? w.spend / channel.medianSpend : null;
  const evidence: Recommendation['evidence'] = {
    spend: round(w.spend, 2),
    revenue: round(w.revenue, 2),
    roi: round(roi, 4),
    roas: round(roas, 4),
    clicks: w.clicks,
    transactions: w.transactions,
    conversionRate: cr === null ? null : round(cr, 5),
    channelConversionRate: channelCr === null ? null : round(channelCr, 5),
    channelBudgetUtilizationPct: utilization === null ? null : round(utilization, 1),
    spendVsChannelMedian: spendRatio === null ? null : round(spendRatio, 2),
  };
  const base = `ROI ${ratio(roi)} (revenue ${amount(w.revenue)} on spend ${amount(w.spend)})`;
  const enough = w.clicks >= t.minClicks;
  const step = t.scaleStepPct / 100;

  if (enough && roi < t.pauseRoiBelow) {
    const est = ctx.impact?.(w.campaign.id, 0) ?? null;
    const revenueLost = est ? est.now : w.revenue;
    return {
      action: 'pause',
      source: est ? 'hybrid' : 'rule',
      reason: `${base} is below the pause threshold of ${ratio(t.pauseRoiBelow)}: pausing saves ${amount(w.spend)} of spend and gives up about ${amount(revenueLost)} of revenue${est ? ' (model estimate)' : ''}.`,
      evidence: { ...evidence, pauseRoiBelow: t.pauseRoiBelow },
      spendDelta: -w.spend,
      revenueDelta: -revenueLost,
      margin: clamp((t.pauseRoiBelow - roi) / 0.5, 0, 1),
      usesModel: est !== null,
    };
  }

  if (enough && spendRatio !== null && spendRatio >= t.alertSpendRatio && roas < t.alertRoasBelow) {
    const est = ctx.impact?.(w.campaign.id, 1 - step) ?? null;
    const revenueDelta = est ? est.after - est.now : -step * w.revenue;
    return {
      action: 'alert',
      source: est ? 'hybrid' : 'rule',
      reason:
        `Spend ${amount(w.spend)} is ${spendRatio.toFixed(1)}× its channel's median campaign (threshold ${t.alertSpendRatio}×) but ROAS is only ${ratio(roas)} ` +
        `(threshold ${ratio(t.alertRoasBelow)}): check targeting and bids; cutting spend ${t.scaleStepPct}% would change revenue by about ${amount(revenueDelta)}.`,
      evidence: { ...evidence, alertSpendRatio: t.alertSpendRatio, alertRoasBelow: t.alertRoasBelow },
      spendDelta: -step * w.spend,
      revenueDelta,
      margin: clamp((t.alertRoasBelow - roas) / t.alertRoasBelow, 0, 1),
      usesModel: est !== null,
    };
  }

  const highConversion = crRatio !== null && crRatio >= t.scaleConversionRatio;
  const limited = (utilization !== null && utilization >= t.scaleUtilizationPct) || (sharePct !== null && sharePct <= t.scaleLowSharePct);
  const est = ctx.impact?.(w.campaign.id, 1 + step) ?? null;
  const modelDelta = est ? est.after - est.now : null;
  const marginalRoi = modelDelta !== null ? modelDelta / (step * w.spend) - 1 : null;

  if (enough && highConversion && roi >= t.scaleMinRoi && limited) {
    const revenueDelta = modelDelta ?? step * w.revenue;
    const why = utilization !== null && utilization >= t.scaleUtilizationPct
      ? `its channel has used ${Math.round(utilization)}% of its budget`
      : `it gets only ${Math.round(sharePct!)}% of an equal share of its channel's spend`;
    return {
      action: 'scale',
      source: est ? 'hybrid' : 'rule',
      reason:
        `Conversion rate ${percent(cr!)} is ${crRatio!.toFixed(2)}× its channel's ${percent(channelCr!)} with ${base}, and ${why}: ` +
        `+${t.scaleStepPct}% spend (${amount(step * w.spend)}) should bring about ${amount(revenueDelta)} more revenue${est ? ' (model estimate)' : ' (proportional estimate; no model)'}.`,
      evidence: { ...evidence, scaleConversionRatio: t.scaleConversionRatio, scaleMinRoi: t.scaleMinRoi, scaleUtilizationPct: t.scaleUtilizationPct, channelSpendSharePct: sharePct === null ? null : round(sharePct, 1), marginalRoi: marginalRoi === null ? null : round(marginalRoi, 4) },
      spendDelta: step * w.spend,
      revenueDelta,
      margin: clamp((crRatio! - t.scaleConversionRatio) / t.scaleConversionRatio + 0.5, 0, 1),
      usesModel: est !== null,
    };
  }

  if (enough && marginalRoi !== null && modelDelta !== null && marginalRoi >= t.scaleMinRoi && roi >= t.scaleMinRoi) {
    return {
      action: 'scale',
      source: 'model',
      reason:
        `The revenue model expects +${t.scaleStepPct}% spend (${amount(step * w.spend)}) to bring ${amount(modelDelta)} more revenue, ` +
        `a marginal ROI of ${ratio(marginalRoi)} (threshold ${ratio(t.scaleMinRoi)}), with ${base}.`,
      evidence: { ...evidence, marginalRoi: round(marginalRoi, 4), scaleMinRoi: t.scaleMinRoi },
      spendDelta: step * w.spend,
      revenueDelta: modelDelta,
      margin: clamp((marginalRoi - t.scaleMinRoi) / Math.max(0.1, Math.abs(t.scaleMinRoi)), 0, 1),
      usesModel: true,
    };
  }

  const weakRoi = roi < t.pauseRoiBelow + t.monitorRoiMargin;
  const mixed = highConversion && roi < t.scaleMinRoi;
  if (weakRoi || mixed || (!enough && roi < t.pauseRoiBelow)) {
    const why = !enough
      ? `only ${w.clicks} clicks in the window (rules act from ${t.minClicks})`
      : weakRoi
        ? `ROI is within ${ratio(t.monitorRoiMargin)} of the pause threshold ${ratio(t.pauseRoiBelow)}`
        : `conversion rate is ${crRatio!.toFixed(2)}× its channel's but ROI is under ${ratio(t.scaleMinRoi)}`;
    return {
      action: 'monitor',
      source: 'rule',
      reason: `${base}; the signals are weak or mixed: ${why}.`,
      evidence: { ...evidence, pauseRoiBelow: t.pauseRoiBelow, monitorRoiMargin: t.monitorRoiMargin },
      spendDelta: 0,
      revenueDelta: 0,
      margin: 0,
      usesModel: false,
    };
  }
  return null;
}

function round(v: number, digits: number): number {
  const p = 10 ** digits;
  return Math.round(v * p) / p;
}
