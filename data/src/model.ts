import {
  CAMPAIGN_THEMES,
  CHANNEL_ARCHETYPES,
  PRODUCTS,
  RETAIL_WEEKDAY,
  SATURATION_RATIOS,
  SEGMENT_ARCHETYPES,
} from './catalog.js';
import type { ResolvedOptions } from './options.js';
import { Rng } from './random.js';
import { hill, marginalResponse } from './response.js';

/** The true parameters of one channel (written to truth.json). */
export interface ChannelParams {
  name: string;
  /** Which archetype the parameters were drawn around (search, social, email…). */
  archetype: string;
  /** Adstock decay (0.2–0.7): share of yesterday's adstock that carries over. */
  theta: number;
  /** Hill half-saturation, in daily spend units (currency). */
  K: number;
  /** Hill shape (1.0–2.5). */
  S: number;
  /** Maximum daily revenue the channel can drive (currency). */
  beta: number;
  /** Mean cost per 1000 impressions. */
  cpm: number;
  /** Mean clicks per impression. */
  ctr: number;
  /** Revenue multipliers by weekday, Monday first (mean 1). */
  weekday: number[];
  /** Sigma of the channel's daily multiplicative lognormal revenue noise. */
  sigma: number;
  /** Mean planned daily spend of the channel over the data range (all its campaigns). */
  typicalDailySpend: number;
  /** hill(typicalDailySpend): 0.5 means spending at K; near 1 means saturated. */
  saturationAtTypical: number;
  /** Revenue / spend at the typical spend (no weekday or noise). */
  roasAtTypical: number;
  /** Extra revenue per extra unit of steady daily spend at the typical spend. */
  marginalRoasAtTypical: number;
}

export interface SegmentParams {
  name: string;
  archetype: string;
  /** Mean share of a day's customers who are repeat customers. */
  repeatShare: number;
  /** Mean items per order. */
  cartSize: number;
}

export interface ProductParams {
  name: string;
  /** Average order value (currency). */
  aov: number;
  /** Relative weight of the product in organic (unattributed) sales. */
  popularity: number;
}

export interface Campaign {
  index: number;
  id: string;
  name: string;
  channel: number;
  segment: number;
  /** Epoch days as written to campaigns.csv; `endDay` null = ongoing. */
  startDay: number;
  endDay: number | null;
  /** First and last data-day index (0-based within the range) with a campaign_daily row. */
  firstIdx: number;
  lastIdx: number;
  /** Running before the data starts: its adstock starts at its planned spend, not at 0. */
  warmStart: boolean;
  /** Planned daily spend before budget changes. */
  plannedSpend: number;
  cpm: number;
  ctr: number;
  /** The products the campaign sells and their relative weights; `aov` is its mean order value. */
  products: number[];
  productWeights: number[];
  aov: number;
}

export interface World {
  options: ResolvedOptions;
  /** Epoch day of the first and last day of data. */
  firstDay: number;
  lastDay: number;
  channels: ChannelParams[];
  segments: SegmentParams[];
  products: ProductParams[];
  campaigns: Campaign[];
  /** Mean organic (unattributed) revenue per day. */
  organicLevel: number;
  noise: {
    /** Campaign daily spend around its plan. */
    spendSigma: number;
    /** Daily CPM and CTR around the campaign's. */
    cpmSigma: number;
    ctrSigma: number;
    /** Order value around the campaign's average (transactions = revenue / order value). */
    orderValueSigma: number;
    /** Organic daily revenue and per-product organic revenue. */
    organicSigma: number;
    organicProductSigma: number;
    /** Chance per campaign-day of a budget change, the factors it may apply, and the bounds. */
    budgetChangeRate: number;
    budgetChangeFactors: number[];
    budgetMultiplierBounds: [number, number];
  };
}

const r = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

function productCatalogue(n: number, rng: Rng): ProductParams[] {
  const out: ProductParams[] = [];
  for (let i = 0; i < n; i++) {
    const base = PRODUCTS[i];
    const name = base ? base.name : `Catalogue Item ${String(i + 1).padStart(3, '0')}`;
    const aov = base ? base.aov : r(rng.uniform(15, 150), 0);
    out.push({ name, aov, popularity: r(rng.uniform(0.5, 1.5), 3) });
  }
  return out;
}

function segmentParams(names: readonly string[], rng: Rng): SegmentParams[] {
  return names.map((name, i) => {
    const a = SEGMENT_ARCHETYPES[i % SEGMENT_ARCHETYPES.length]!;
    return {
      name,
      archetype: a.kind,
      repeatShare: r(Math.min(0.95, Math.max(0.03, a.repeatShare * rng.uniform(0.85, 1.1))), 3),
      cartSize: r(Math.min(3.5, Math.max(1.5, a.cartSize * rng.uniform(0.9, 1.1))), 3),
    };
  });
}

function campaignSchedule(rng: Rng, days: number): { firstIdx: number; lastIdx: number; kind: string } {
  const half = Math.floor(days / 2);
  const roll = rng.next();
  if (roll < 0.5) return { firstIdx: 0, lastIdx: days - 1, kind: 'ongoing' };
  if (roll < 0.65) return { firstIdx: 0, lastIdx: days - 1, kind: 'scheduled' };
  if (roll < 0.8) return { firstIdx: rng.int(7, Math.max(7, half)), lastIdx: days - 1, kind: 'late' };
  if (roll < 0.93) return { firstIdx: 0, lastIdx: rng.int(Math.min(half, days - 8), days - 8), kind: 'early' };
  const firstIdx = rng.int(3, Math.max(3, Math.floor(days / 4)));
  const lastIdx = Math.min(days - 8, firstIdx + rng.int(27, Math.max(27, half)));
  return { firstIdx, lastIdx: Math.max(firstIdx, lastIdx), kind: 'window' };
}

/** Draws every true parameter of the world: channels, segments, products and campaigns. */
export function buildWorld(options: ResolvedOptions, firstDay: number, lastDay: number): World {
  const rng = Rng.stream(options.seed, 'world');
  const days = lastDay - firstDay + 1;
  const products = productCatalogue(options.products, rng);
  const segments = segmentParams(options.segments, rng);
  const nCh = options.channels.length;

  // Campaigns first: the channels' K and beta are set relative to the spend they will carry.
  const campaigns: Campaign[] = [];
  const nameCount = new Map<string, number>();
  const themes = rng.shuffle(CAMPAIGN_THEMES);
  const width = Math.max(4, String(options.campaigns).length);
  for (let i = 0; i < options.campaigns; i++) {
    const channel = i % nCh;
    const segment = (i + Math.floor(i / nCh)) % segments.length;
    const a = CHANNEL_ARCHETYPES[channel % CHANNEL_ARCHETYPES.length]!;
    const sched = campaignSchedule(rng, days);
    const startDay = firstDay + sched.firstIdx;
    let endDay: number | null = null;
    if (sched.kind === 'scheduled') endDay = lastDay + rng.int(0, 45);
    else if (sched.kind === 'early' || sched.kind === 'window') endDay = firstDay + sched.lastIdx;
    const theme = themes[Math.floor(i / nCh) % themes.length]!;
    let name = `${theme} - ${options.channels[channel]!} - ${options.segments[segment]!}`;
    const seen = (nameCount.get(name) ?? 0) + 1;
    nameCount.set(name, seen);
    if (seen > 1) name = `${name} #${seen}`;
    // The campaign sells 2–4 related products (or the whole catalogue if smaller).
    const k = Math.min(products.length, rng.int(2, 4));
    const chosen = rng.shuffle(products.map((_, j) => j)).slice(0, k).sort((x, y) => x - y);
    const weights = chosen.map(() => r(rng.uniform(0.5, 1.5), 3));
    const wSum = weights.reduce((s, w) => s + w, 0);
    const aov = chosen.reduce((s, p, j) => s + products[p]!.aov * weights[j]!, 0) / wSum;
    campaigns.push({
      index: i,
      id: `C${String(i + 1).padStart(width, '0')}`,
      name,
      channel,
      segment,
      startDay,
      endDay,
      firstIdx: sched.firstIdx,
      lastIdx: sched.lastIdx,
      warmStart: sched.firstIdx === 0,
      plannedSpend: r(a.campaignSpend * rng.lognormal(0.35), 2),
      cpm: r(a.cpm * rng.lognormal(0.12), 3),
      ctr: r(a.ctr * rng.lognormal(0.12), 5),
      products: chosen,
      productWeights: weights,
      aov: r(aov, 2),
    });
  }

  const ratios = rng.shuffle(SATURATION_RATIOS);
  const channels: ChannelParams[] = options.channels.map((name, c) => {
    const a = CHANNEL_ARCHETYPES[c % CHANNEL_ARCHETYPES.length]!;
    let typical = 0;
    for (const camp of campaigns)
      if (camp.channel === c) typical += (camp.plannedSpend * (camp.lastIdx - camp.firstIdx + 1)) / days;
    if (typical <= 0) typical = a.campaignSpend;
    typical = r(typical, 2);
    const ratio = ratios[c % ratios.length]! * rng.uniform(0.9, 1.1);
    const K = r(typical / ratio, 2);
    const S = r(rng.uniform(1.0, 2.5), 3);
    const roas = a.roas * rng.uniform(0.85, 1.15);
    const sat = hill(typical, K, S);
    const beta = r((roas * typical) / sat, 2);
    const raw = RETAIL_WEEKDAY.map((w) => w * rng.lognormal(0.03));
    const mean = raw.reduce((s, w) => s + w, 0) / raw.length;
    const weekday = raw.map((w) => r(w / mean, 3));
    const satR = hill(typical, K, S);
    const marginal = marginalResponse(typical, { K, S, beta });
    return {
      name,
      archetype: a.kind,
      theta: r(rng.uniform(a.theta[0], a.theta[1]), 3),
      K,
      S,
      beta,
      cpm: a.cpm,
      ctr: a.ctr,
      weekday,
      sigma: r(rng.uniform(0.08, 0.15), 3),
      typicalDailySpend: typical,
      saturationAtTypical: r(satR, 4),
      roasAtTypical: r((beta * satR) / typical, 4),
      marginalRoasAtTypical: r(marginal, 4),
    };
  });
  // The campaigns' CPM/CTR were drawn around the archetype; the channel's mean is what truth reports.
  for (const [c, ch] of channels.entries()) {
    const mine = campaigns.filter((camp) => camp.channel === c);
    if (mine.length > 0) {
      ch.cpm = r(mine.reduce((s, c) => s + c.cpm, 0) / mine.length, 3);
      ch.ctr = r(mine.reduce((s, c) => s + c.ctr, 0) / mine.length, 5);
    }
  }

  // Organic (unattributed) revenue: 20–35% on top of what the channels drive at typical spend.
  const paid = channels.reduce((s, ch) => s + ch.roasAtTypical * ch.typicalDailySpend, 0);
  const organicLevel = r(paid * rng.uniform(0.2, 0.35), 2);

  return {
    options,
    firstDay,
    lastDay,
    channels,
    segments,
    products,
    campaigns,
    organicLevel,
    noise: {
      spendSigma: 0.08,
      cpmSigma: 0.05,
      ctrSigma: 0.06,
      orderValueSigma: 0.05,
      organicSigma: 0.1,
      organicProductSigma: 0.2,
      budgetChangeRate: 1 / 40,
      budgetChangeFactors: [0.75, 0.85, 1.15, 1.3],
      budgetMultiplierBounds: [0.65, 1.5],
    },
  };
}
