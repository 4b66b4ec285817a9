import type { Random } from './random.js';

/** One campaign-day as observed, before it is written out. */
export interface CampaignDay {
  day: number;
  spend: number;
  impressions: number;
  clicks: number;
  /** Sales per product that day. */
  sales: Array<{ product: string; transactions: number; revenue: number }>;
}

export type AnomalyType = 'spend_spike' | 'conversion_drop' | 'click_spike' | 'revenue_spike' | 'tracking_shift';
export const ANOMALY_TYPES: readonly AnomalyType[] = [
  'spend_spike',
  'conversion_drop',
  'click_spike',
  'revenue_spike',
  'tracking_shift',
];

export interface AnomalyEvent {
  type: AnomalyType;
  campaignId: string;
  startDay: number;
  durationDays: number;
  factor: number;
}

export interface AnomalyLabel {
  day: number;
  campaignId: string;
  metric: 'spend' | 'clicks' | 'conversionRate' | 'revenue' | 'cpa';
  direction: 'spike' | 'drop';
}

/** The metrics each kind of event visibly moves: exactly these are labelled, so detectors can be scored. */
const LABELS: Record<AnomalyType, Array<Pick<AnomalyLabel, 'metric' | 'direction'>>> = {
  spend_spike: [
    { metric: 'spend', direction: 'spike' },
    { metric: 'cpa', direction: 'spike' },
  ],
  conversion_drop: [
    { metric: 'conversionRate', direction: 'drop' },
    { metric: 'revenue', direction: 'drop' },
    { metric: 'cpa', direction: 'spike' },
  ],
  click_spike: [
    { metric: 'clicks', direction: 'spike' },
    { metric: 'conversionRate', direction: 'drop' },
  ],
  revenue_spike: [{ metric: 'revenue', direction: 'spike' }],
  tracking_shift: [
    { metric: 'conversionRate', direction: 'drop' },
    { metric: 'revenue', direction: 'drop' },
  ],
};

export function labelsOf(event: AnomalyEvent): AnomalyLabel[] {
  return LABELS[event.type].map((l) => ({ ...l, day: event.startDay, campaignId: event.campaignId }));
}

/**
 * Applies an event to the observed days of one campaign (indexed by day). These are perturbations
 * of what was recorded — a billing error, a checkout bug, bots, a bulk order, a broken pixel —
 * so they do not feed the response curves.
 */
export function applyEvent(days: Map<number, CampaignDay>, event: AnomalyEvent, random: Random): void {
  for (let d = event.startDay; d < event.startDay + event.durationDays; d++) {
    const day = days.get(d);
    if (!day) continue;
    switch (event.type) {
      case 'spend_spike':
        day.spend = round2(day.spend * event.factor);
        break;
      case 'conversion_drop':
        for (const s of day.sales) {
          s.transactions = Math.floor(s.transactions * event.factor);
          s.revenue = round2(s.revenue * event.factor);
        }
        break;
      case 'click_spike':
        day.clicks = Math.round(day.clicks * event.factor);
        if (day.clicks > day.impressions) day.impressions = Math.round(day.clicks * 1.5);
        break;
      case 'revenue_spike':
        for (const s of day.sales) s.revenue = round2(s.revenue * event.factor);
        if (day.sales[0]) day.sales[0].transactions += random.int(1, 3);
        break;
      case 'tracking_shift':
        day.sales = [];
        break;
    }
  }
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
