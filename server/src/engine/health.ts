import type { Anomaly, CampaignHealth, HealthStatus, HealthThresholds } from '@retailmind/sdk/contract';
import * as m from '../metrics/index.js';
import { amount, percent, ratio } from './format.js';
import { clamp } from './stats.js';
import type { CampaignWindow, ChannelStats } from './window.js';

/** Days at the end of the window whose conversion rate is compared with the days before. */
export const TREND_DAYS = 7;

/** Points of the 0–100 score each signal can take away. */
const WEIGHT = { roi: 40, trend: 20, pacing: 20, anomalies: 20 } as const;
const ANOMALY_COST = { high: 10, medium: 6, low: 3 } as const;

/**
 * Health of one campaign over the window: a 0–100 score from ROI against its thresholds, the trend
 * of its conversion rate, its channel's budget pacing and its recent anomalies; a status; and the
 * reasons, in plain words with their numbers.
 */
export function campaignHealth(w: CampaignWindow, channel: ChannelStats | undefined, anomalies: Anomaly[], t: HealthThresholds): CampaignHealth {
  const reasons: string[] = [];
  const roi = m.roi(w.revenue, w.spend);
  const conversionRate = m.conversionRate(w.transactions, w.clicks);
  const earlier = m.conversionRate(w.transactions - w.recentTransactions, w.clicks - w.recentClicks);
  const recent = m.conversionRate(w.recentTransactions, w.recentClicks);
  const trendPct = earlier !== null && recent !== null && earlier > 0 ? 100 * (recent / earlier - 1) : null;
  const pacingPct = channel?.utilizationPct ?? null;

  let score = 100;
  if (roi === null) {
    score -= WEIGHT.roi / 2;
    reasons.push('No spend in the window, so ROI is not defined.');
  } else {
    const span = Math.max(1e-9, t.healthyRoiAbove - t.criticalRoiBelow);
    score -= WEIGHT.roi * (1 - clamp((roi - t.criticalRoiBelow) / span, 0, 1));
    if (roi < t.criticalRoiBelow)
      reasons.push(`ROI is ${ratio(roi)} (revenue ${amount(w.revenue)} on spend ${amount(w.spend)}), below the critical threshold of ${ratio(t.criticalRoiBelow)}.`);
    else if (roi < t.healthyRoiAbove)
      reasons.push(`ROI is ${ratio(roi)} (revenue ${amount(w.revenue)} on spend ${amount(w.spend)}), under the healthy threshold of ${ratio(t.healthyRoiAbove)}.`);
  }
  if (trendPct !== null) {
    score -= WEIGHT.trend * clamp(-trendPct / (2 * t.conversionDropPct), 0, 1);
    if (-trendPct >= t.conversionDropPct)
      reasons.push(`Conversion rate fell ${Math.round(-trendPct)}% in the last ${TREND_DAYS} days (${percent(recent!)} against ${percent(earlier!)} before).`);
  }
  if (pacingPct !== null) {
    const off = pacingPct < t.pacingLowPct ? t.pacingLowPct - pacingPct : pacingPct > t.pacingHighPct ? pacingPct - t.pacingHighPct : 0;
    score -= WEIGHT.pacing * clamp(off / 50, 0, 1);
    if (pacingPct > t.pacingHighPct)
      reasons.push(`Its channel has spent ${Math.round(pacingPct)}% of its budget for the window, ahead of plan (above ${t.pacingHighPct}%).`);
    else if (pacingPct < t.pacingLowPct)
      reasons.push(`Its channel has spent only ${Math.round(pacingPct)}% of its budget for the window, behind plan (below ${t.pacingLowPct}%).`);
  }
  if (anomalies.length > 0) {
    score -= Math.min(WEIGHT.anomalies, anomalies.reduce((a, x) => a + ANOMALY_COST[x.severity], 0));
    const listed = anomalies
      .slice(0, 3)
      .map((a) => `${a.metric} ${a.direction} on ${a.date} (${a.severity})`)
      .join(', ');
    reasons.push(`${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} in the last ${t.recentDays} days: ${listed}${anomalies.length > 3 ? ', …' : ''}.`);
  }
  score = Math.round(clamp(score, 0, 100));

  const critical = (roi !== null && roi < t.criticalRoiBelow) || anomalies.some((a) => a.severity === 'high') || score < 40;
  const healthy = roi !== null && roi >= t.healthyRoiAbove && reasons.length === 0;
  const status: HealthStatus = critical ? 'critical' : healthy ? 'healthy' : 'attention';
  if (status === 'healthy') reasons.push(`ROI is ${ratio(roi!)} (revenue ${amount(w.revenue)} on spend ${amount(w.spend)}) and nothing else needs attention.`);

  return {
    campaignId: w.campaign.id,
    campaignName: w.campaign.name,
    channel: w.campaign.channel,
    segment: w.campaign.segment,
    score,
    status,
    roi: roi === null ? null : round(roi),
    conversionRate: conversionRate === null ? null : round(conversionRate),
    conversionTrendPct: trendPct === null ? null : Math.round(trendPct * 10) / 10,
    pacingPct: pacingPct === null ? null : Math.round(pacingPct * 10) / 10,
    recentAnomalies: anomalies.length,
    reasons,
  };
}

function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
