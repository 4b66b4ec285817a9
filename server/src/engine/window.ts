import * as m from '../metrics/index.js';
import type { CampaignInfo } from './types.js';

/** One campaign's sums over a window, money in currency units; `recent*` cover its last days. */
export interface CampaignWindow {
  campaign: CampaignInfo;
  days: number;
  impressions: number;
  clicks: number;
  spend: number;
  transactions: number;
  revenue: number;
  recentClicks: number;
  recentTransactions: number;
}

/** A channel's budget against its spend over the window (allocated pro-rated to the window; null: no budget). */
export interface ChannelBudget {
  channel: string;
  spend: number;
  allocated: number | null;
}

export interface ChannelStats {
  spend: number;
  clicks: number;
  transactions: number;
  campaigns: number;
  conversionRate: number | null;
  /** Median spend of the channel's campaigns over the window. */
  medianSpend: number;
  /** 100 × spend / allocated, when the channel has a budget. */
  utilizationPct: number | null;
}

/** Per-channel benchmarks over every campaign of the channel (filters never change a benchmark). */
export function channelStats(windows: CampaignWindow[], budgets: ChannelBudget[]): Map<string, ChannelStats> {
  const out = new Map<string, ChannelStats>();
  const byChannel = new Map<string, CampaignWindow[]>();
  for (const w of windows) byChannel.set(w.campaign.channel, [...(byChannel.get(w.campaign.channel) ?? []), w]);
  for (const [channel, list] of byChannel) {
    const sum = (f: (w: CampaignWindow) => number) => list.reduce((a, w) => a + f(w), 0);
    const spends = list.map((w) => w.spend).sort((a, b) => a - b);
    const mid = spends.length >> 1;
    const budget = budgets.find((b) => b.channel === channel);
    out.set(channel, {
      spend: sum((w) => w.spend),
      clicks: sum((w) => w.clicks),
      transactions: sum((w) => w.transactions),
      campaigns: list.length,
      conversionRate: m.conversionRate(sum((w) => w.transactions), sum((w) => w.clicks)),
      medianSpend: spends.length % 2 ? spends[mid]! : (spends[mid - 1]! + spends[mid]!) / 2,
      utilizationPct: budget ? m.budgetUtilizationPct(budget.spend, budget.allocated) : null,
    });
  }
  return out;
}
