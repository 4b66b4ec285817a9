import type { Anomaly, AnomalyMetric } from '@retailmind/sdk/contract';
import { addDays } from '../dates.js';
import { metricValue } from './format.js';

/**
 * One event often moves several metrics at once (a checkout bug drops the conversion rate and
 * revenue and lifts CPA). Each moved metric stays its own anomaly, since each is a figure someone
 * watches, but each names the others that moved with it, with their numbers, so the reader sees
 * one event rather than three unrelated alarms.
 */

const NAME: Record<AnomalyMetric, string> = {
  spend: 'spend',
  clicks: 'clicks',
  conversionRate: 'conversion rate',
  revenue: 'revenue',
  cpa: 'CPA',
};

/** Anomalies of one campaign whose days overlap, a day's slack either side. */
function together(a: Anomaly, b: Anomaly): boolean {
  return a.campaignId === b.campaignId && a !== b && b.date <= addDays(a.endDate, 1) && a.date <= addDays(b.endDate, 1);
}

export function relateAnomalies(anomalies: Anomaly[]): Anomaly[] {
  const byCampaign = new Map<string, Anomaly[]>();
  for (const a of anomalies) byCampaign.set(a.campaignId, [...(byCampaign.get(a.campaignId) ?? []), a]);
  return anomalies.map((a) => {
    const others = (byCampaign.get(a.campaignId) ?? []).filter((b) => together(a, b) && b.metric !== a.metric);
    if (others.length === 0) return a;
    const also = others
      .map((b) => `${NAME[b.metric]} ${b.direction === 'spike' ? 'rose' : 'fell'} to ${metricValue(b.metric, b.value)} against ${metricValue(b.metric, b.expected)} expected`)
      .join('; ');
    return { ...a, explanation: `${a.explanation} At the same time ${also}.` };
  });
}
