import { RETAIL_WEEKDAY } from './catalog.js';
import { monthsOverlapping, weekdayMon0 } from './dates.js';
import type { Campaign, World } from './model.js';
import { Rng } from './random.js';
import { hill } from './response.js';

/**
 * The observed data, held column-wise in typed arrays so 1000 campaigns × 365 days stays fast.
 * Campaign-day cells are indexed `day * nC + campaign` (date-major, the order rows are written).
 * Money is in integer cents so sums and the written decimals are exact.
 */
export interface Store {
  nC: number;
  nD: number;
  active: Uint8Array;
  spend: Float64Array;
  impressions: Float64Array;
  clicks: Float64Array;
  /** Sales rows in output order (by day, then campaign, organic last); campaign -1 = organic. */
  sales: SalesRows;
  /** First sales row of a campaign-day (-1: none) and how many rows it has. */
  salesStart: Int32Array;
  salesCount: Uint8Array;
  /** Calendar months overlapping the range and the planned (pre-noise) spend of each channel in each. */
  months: { start: number; end: number }[];
  plannedSpend: Float64Array; // [channel * months.length + month]
}

/** Organic weekday pattern, Monday first, mean 1. */
export const ORGANIC_WEEKDAY: readonly number[] = (() => {
  const mean = RETAIL_WEEKDAY.reduce((s, w) => s + w, 0) / RETAIL_WEEKDAY.length;
  return RETAIL_WEEKDAY.map((w) => Math.round((w / mean) * 1000) / 1000);
})();

/** Carry-over revenue of an ended campaign stops once its adstock is below this share of its plan. */
const TAIL_CUTOFF = 0.05;
/** How many products a campaign-day's sales are split over: 1, 2 or 3. */
const SPLIT_WEIGHTS = [0.3, 0.4, 0.3];

/** Runs the clean simulation: spend, media, revenue and sales, with no anomalies. */
export function simulate(world: World): Store {
  const { campaigns, channels, products, noise } = world;
  const nC = campaigns.length;
  const nD = world.lastDay - world.firstDay + 1;
  const seed = world.options.seed;
  const spendRng = Rng.stream(seed, 'spend');
  const mediaRng = Rng.stream(seed, 'media');
  const revenueRng = Rng.stream(seed, 'revenue');
  const salesRng = Rng.stream(seed, 'sales');
  const organicRng = Rng.stream(seed, 'organic');

  const cells = nC * nD;
  const store: Store = {
    nC,
    nD,
    active: new Uint8Array(cells),
    spend: new Float64Array(cells),
    impressions: new Float64Array(cells),
    clicks: new Float64Array(cells),
    sales: new SalesRows(cells * 2 + nD * products.length),
    salesStart: new Int32Array(cells).fill(-1),
    salesCount: new Uint8Array(cells),
    months: monthsOverlapping(world.firstDay, world.lastDay),
    plannedSpend: new Float64Array(0),
  };
  const nM = store.months.length;
  store.plannedSpend = new Float64Array(channels.length * nM);
  const monthOfDay = new Int32Array(nD);
  for (let d = 0, m = 0; d < nD; d++) {
    while (world.firstDay + d > store.months[m]!.end) m++;
    monthOfDay[d] = m;
  }

  const byChannel: number[][] = channels.map(() => []);
  for (const c of campaigns) byChannel[c.channel]!.push(c.index);

  // Campaigns already running when the data starts begin at their steady-state adstock.
  const adstock = new Float64Array(nC);
  const multiplier = new Float64Array(nC).fill(1);
  for (const c of campaigns) if (c.warmStart) adstock[c.index] = c.plannedSpend;
  const revenueToday = new Float64Array(nC);
  const [lo, hi] = noise.budgetMultiplierBounds;

  for (let d = 0; d < nD; d++) {
    const wd = weekdayMon0(world.firstDay + d);
    const month = monthOfDay[d]!;
    const base = d * nC;

    // Spend and media per campaign; adstock per campaign (normalised adstock is linear, so the
    // channel's adstock is the sum of its campaigns').
    for (let c = 0; c < nC; c++) {
      const camp = campaigns[c]!;
      const theta = channels[camp.channel]!.theta;
      if (d >= camp.firstIdx && d <= camp.lastIdx) {
        if (d > camp.firstIdx && spendRng.chance(noise.budgetChangeRate)) {
          const m = multiplier[c]! * spendRng.pick(noise.budgetChangeFactors);
          multiplier[c] = Math.min(hi, Math.max(lo, m));
        }
        const plan = camp.plannedSpend * multiplier[c]!;
        store.plannedSpend[camp.channel * nM + month]! += plan;
        const cents = Math.max(1, Math.round(plan * spendRng.lognormal(noise.spendSigma) * 100));
        const spend = cents / 100;
        const impressions = Math.round((spend / (camp.cpm * mediaRng.lognormal(noise.cpmSigma))) * 1000);
        const clicks = Math.min(impressions, Math.round(impressions * camp.ctr * mediaRng.lognormal(noise.ctrSigma)));
        store.active[base + c] = 1;
        store.spend[base + c] = cents;
        store.impressions[base + c] = impressions;
        store.clicks[base + c] = clicks;
        adstock[c] = theta * adstock[c]! + (1 - theta) * spend;
      } else {
        adstock[c] = theta * adstock[c]!;
        if (d > camp.lastIdx && adstock[c]! < TAIL_CUTOFF * camp.plannedSpend) adstock[c] = 0;
      }
    }

    // Channel revenue = beta * hill(adstock) * weekday * noise, split by adstock share.
    for (let ch = 0; ch < channels.length; ch++) {
      const p = channels[ch]!;
      const ids = byChannel[ch]!;
      let total = 0;
      for (const c of ids) total += adstock[c]!;
      const eps = revenueRng.lognormal(p.sigma);
      const revenue = total > 0 ? p.beta * hill(total, p.K, p.S) * p.weekday[wd]! * eps : 0;
      for (const c of ids) revenueToday[c] = total > 0 ? (revenue * adstock[c]!) / total : 0;
    }

    for (let c = 0; c < nC; c++) {
      const cents = Math.round(revenueToday[c]! * 100);
      if (cents < 100) continue;
      store.salesStart[base + c] = store.sales.length;
      store.salesCount[base + c] = emitCampaignSales(store, campaigns[c]!, d, cents, world, salesRng);
    }

    // Organic revenue, spread over the catalogue by popularity.
    const organic = world.organicLevel * ORGANIC_WEEKDAY[wd]! * organicRng.lognormal(noise.organicSigma);
    let wSum = 0;
    const shares: number[] = [];
    for (const p of products) {
      const w = p.popularity * organicRng.lognormal(noise.organicProductSigma);
      shares.push(w);
      wSum += w;
    }
    for (let p = 0; p < products.length; p++) {
      const cents = Math.round(((organic * shares[p]!) / wSum) * 100);
      if (cents < 100) continue;
      const orderValue = products[p]!.aov * organicRng.lognormal(noise.orderValueSigma);
      pushSale(store, -1, d, p, Math.max(1, Math.round(cents / 100 / orderValue)), cents);
    }
  }
  return store;
}

function pushSale(store: Store, campaign: number, day: number, product: number, transactions: number, cents: number) {
  store.sales.push(campaign, day, product, transactions, cents);
}

/** Sales rows, column-wise in typed arrays that double when full. Revenue in cents. */
export class SalesRows {
  length = 0;
  camp: Int32Array;
  day: Int32Array;
  prod: Int32Array;
  trans: Float64Array;
  rev: Float64Array;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.camp = new Int32Array(n);
    this.day = new Int32Array(n);
    this.prod = new Int32Array(n);
    this.trans = new Float64Array(n);
    this.rev = new Float64Array(n);
  }

  push(campaign: number, day: number, product: number, transactions: number, cents: number): void {
    if (this.length === this.camp.length) this.grow();
    const i = this.length++;
    this.camp[i] = campaign;
    this.day[i] = day;
    this.prod[i] = product;
    this.trans[i] = transactions;
    this.rev[i] = cents;
  }

  private grow(): void {
    const n = this.camp.length * 2;
    const camp = new Int32Array(n);
    camp.set(this.camp);
    this.camp = camp;
    const day = new Int32Array(n);
    day.set(this.day);
    this.day = day;
    const prod = new Int32Array(n);
    prod.set(this.prod);
    this.prod = prod;
    const trans = new Float64Array(n);
    trans.set(this.trans);
    this.trans = trans;
    const rev = new Float64Array(n);
    rev.set(this.rev);
    this.rev = rev;
  }
}

// Scratch space for emitCampaignSales (at most 3 products a day), so the hot loop allocates nothing.
const pickP = new Int32Array(3);
const pickW = new Float64Array(3);
const pickT = new Float64Array(3);
let used = new Uint8Array(8);

/**
 * Splits a campaign-day's revenue over 1–3 of its products. Transactions = revenue / order value
 * (the campaign's average, with a little noise); each product gets at least one transaction and
 * revenue in proportion to transactions × its own order value, so the cents add up exactly.
 */
function emitCampaignSales(store: Store, camp: Campaign, d: number, cents: number, world: World, rng: Rng): number {
  const transactions = Math.max(
    1,
    Math.round(cents / 100 / (camp.aov * rng.lognormal(world.noise.orderValueSigma))),
  );
  const n = camp.products.length;
  const k = Math.min(1 + rng.weighted(SPLIT_WEIGHTS), n, transactions);
  // k of the campaign's products by weight, without replacement, kept in catalogue order.
  if (used.length < n) used = new Uint8Array(n);
  used.fill(0, 0, n);
  let left = 0;
  for (let j = 0; j < n; j++) left += camp.productWeights[j]!;
  for (let i = 0; i < k; i++) {
    let x = rng.next() * left;
    let j = 0;
    for (; j < n; j++) {
      if (used[j]) continue;
      x -= camp.productWeights[j]!;
      if (x < 0) break;
    }
    if (j === n) for (j = n - 1; used[j]; j--);
    used[j] = 1;
    left -= camp.productWeights[j]!;
    // insertion by product index
    let at = i;
    while (at > 0 && pickP[at - 1]! > camp.products[j]!) {
      pickP[at] = pickP[at - 1]!;
      pickW[at] = pickW[at - 1]!;
      at--;
    }
    pickP[at] = camp.products[j]!;
    pickW[at] = camp.productWeights[j]!;
  }

  let wSum = 0;
  for (let i = 0; i < k; i++) wSum += pickW[i]!;
  const extra = transactions - k;
  let given = 0;
  let heaviest = 0;
  for (let i = 0; i < k; i++) {
    const t = 1 + Math.floor((extra * pickW[i]!) / wSum);
    pickT[i] = t;
    given += t;
    if (pickW[i]! > pickW[heaviest]!) heaviest = i;
  }
  pickT[heaviest]! += transactions - given;

  let value = 0;
  for (let i = 0; i < k; i++) value += pickT[i]! * world.products[pickP[i]!]!.aov;
  let rest = cents;
  for (let i = 0; i < k; i++) {
    const aov = world.products[pickP[i]!]!.aov;
    const share = i === k - 1 ? rest : Math.floor((cents * pickT[i]! * aov) / value);
    rest -= share;
    pushSale(store, camp.index, d, pickP[i]!, pickT[i]!, share);
  }
  return k;
}
