/**
 * The response-curve fit's input: every campaign's daily spend and revenue on one day grid,
 * grouped by channel, with the decision engine's anomalies applied. A spend spike (a billing
 * error: the money was booked, the ads were not shown) counts at the engine's expected spend; a
 * campaign-day whose revenue or conversion was anomalous is marked, so the fit can rebuild its
 * channel's revenue that day from the other campaigns (or leave the day out).
 */
import type { Anomaly } from '@retailmind/sdk/contract';
import { addDays, daysBetween } from '../../dates.js';
import type { CampaignSeries } from '../types.js';

export interface CampaignDays {
  id: string;
  spend: Float64Array;
  revenue: Float64Array;
  /** 1 where the campaign's revenue that day is anomalous. */
  revenueAnomalous: Uint8Array;
  /** Spending on the grid's first day: assumed to have run before it (adstock starts at its usual spend). */
  warm: boolean;
}

export interface ChannelDays {
  channel: string;
  campaigns: CampaignDays[];
  /** Sum of the campaigns' spend (anomalous spend corrected). */
  spend: Float64Array;
  /** Campaign-days whose spend was corrected, and whose revenue was marked anomalous. */
  spendCorrections: number;
  revenueAnomalies: number;
}

export interface DayGrid {
  /** First and last date of the grid; day i is `addDays(from, i)`. */
  from: string;
  to: string;
  days: number;
  /** Weekday of each day, Monday = 0. */
  weekday: Uint8Array;
}

export function dayGrid(from: string, to: string): DayGrid {
  const days = daysBetween(from, to) + 1;
  const weekday = new Uint8Array(days);
  const first = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  for (let i = 0; i < days; i++) weekday[i] = (first + i) % 7;
  return { from, to, days, weekday };
}

/** Channels in name order, each with its campaigns' days on the grid; campaigns without a day on it are left out. */
export function channelDays(series: readonly CampaignSeries[], anomalies: readonly Anomaly[], grid: DayGrid): ChannelDays[] {
  const byCampaign = new Map<string, Anomaly[]>();
  for (const a of anomalies) {
    const list = byCampaign.get(a.campaignId);
    if (list) list.push(a);
    else byCampaign.set(a.campaignId, [a]);
  }
  const channels = new Map<string, ChannelDays>();
  for (const s of series) {
    const spend = new Float64Array(grid.days);
    const revenue = new Float64Array(grid.days);
    const revenueAnomalous = new Uint8Array(grid.days);
    let any = false;
    for (const d of s.days) {
      const i = daysBetween(grid.from, d.date);
      if (i < 0 || i >= grid.days) continue;
      spend[i] = d.spend;
      revenue[i] = d.revenue;
      any = true;
    }
    if (!any) continue;
    let channel = channels.get(s.campaign.channel);
    if (!channel) {
      channel = { channel: s.campaign.channel, campaigns: [], spend: new Float64Array(grid.days), spendCorrections: 0, revenueAnomalies: 0 };
      channels.set(s.campaign.channel, channel);
    }
    for (const a of byCampaign.get(s.campaign.id) ?? []) {
      const first = Math.max(0, daysBetween(grid.from, a.date));
      const last = Math.min(grid.days - 1, daysBetween(grid.from, a.endDate));
      for (let i = first; i <= last; i++) {
        if (a.metric === 'spend' && a.direction === 'spike' && spend[i]! > a.expected) {
          spend[i] = a.expected;
          channel.spendCorrections++;
        } else if ((a.metric === 'revenue' || a.metric === 'conversionRate') && !revenueAnomalous[i]) {
          revenueAnomalous[i] = 1;
          channel.revenueAnomalies++;
        }
      }
    }
    for (let i = 0; i < grid.days; i++) channel.spend[i] = channel.spend[i]! + spend[i]!;
    channel.campaigns.push({ id: s.campaign.id, spend, revenue, revenueAnomalous, warm: spend[0]! > 0 });
  }
  return [...channels.values()].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}

/** The dates of grid days `first..last`. */
export const gridDate = (grid: DayGrid, i: number) => addDays(grid.from, i);
