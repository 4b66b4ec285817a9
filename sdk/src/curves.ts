/**
 * Response-curve math: what a channel's spend returns, as pure functions. The server fits the
 * curves (`GET /api/response-curves` serves them) and projects with these very functions, so a
 * widget projecting in the browser while a slider moves gets the server's numbers to the cent.
 * No zod, no DOM, no Node: plain numbers in, plain numbers out.
 *
 * The model, per channel:
 * - geometric adstock, normalised: `A[t] = θ·A[t−1] + (1 − θ)·spend[t]`, so a steady daily spend
 *   `x` settles at `A = x` (carry-over included: today's revenue also comes from earlier days' spend);
 * - Hill saturation times a scale: `revenue per day = β · A^S / (A^S + K^S)`, K the half-saturation
 *   point in daily spend, S the shape (S ≤ 1 concave, S > 1 S-shaped: a slow start, then saturation);
 * - weekday multipliers with a mean of 1, so over a whole number of weeks they cancel out.
 *
 * A projection is over a horizon of `days` days at a steady spend: `spend / days` a day, the
 * adstock in its steady state. Money is in the data's currency.
 */

/** One curve's parameters: `[beta, K, S]`. Used for the posterior draws behind the band. */
export type CurveDraw = [beta: number, K: number, S: number];

/** A channel's fitted response curve, as `GET /api/response-curves` serves it. */
export interface ResponseCurve {
  /** Adstock decay (0–1): the share of a day's adstocked spend carried into the next. */
  theta: number;
  /** Half-saturation point, in daily spend. */
  K: number;
  /** Shape: ≤ 1 concave, > 1 S-shaped. */
  S: number;
  /** Most revenue a day the channel can drive (the curve's ceiling). */
  beta: number;
  /** Standard deviation of a day's revenue around the curve, on the log scale. */
  sigma: number;
  /** Lowest and highest daily adstocked spend the fit saw; beyond them a projection is an extrapolation. */
  observed: { low: number; high: number };
  /** Parameter draws (day bootstrap with randomised priors) that give the uncertainty band. */
  draws: CurveDraw[];
}

/** A projection of one spend over a horizon. */
export interface Projection {
  /** The spend over the horizon. */
  spend: number;
  /** Revenue the curve projects over the horizon. */
  revenue: number;
  /** The band (about 90 %): parameter uncertainty, day-to-day noise, and extra width when extrapolating. */
  low: number;
  high: number;
  /** Revenue per extra unit of spend at this spend (d revenue / d spend). */
  marginalRevenue: number;
  /** The daily spend lies outside what the channel has ever run at. */
  extrapolated: boolean;
}

/** z of the band's edges: 5 % and 95 %. */
export const BAND_Z = 1.645;
/**
 * Extra log-scale standard deviation per unit of log distance beyond the observed spend: at twice
 * the highest daily spend ever seen the band gets ±(1.645 × 0.35 × ln 2) ≈ ±40 % wider on its own.
 * The draws widen too, but a curve fitted where the data is cannot be trusted far from it.
 */
export const EXTRAPOLATION_SD_PER_LOG = 0.35;
/** Within this relative margin of the observed range a spend is not called an extrapolation. */
export const EXTRAPOLATION_TOLERANCE = 0.02;

/** Hill saturation in [0, 1): `x^S / (x^S + K^S)`; 0 for x ≤ 0. */
export function hill(x: number, K: number, S: number): number {
  if (!(x > 0)) return 0;
  const r = Math.pow(x / K, S);
  return Number.isFinite(r) ? r / (1 + r) : 1;
}

/** d hill / dx. Finite everywhere: at x = 0 it is the limit for S ≥ 1 and is evaluated just above 0 for S < 1. */
export function hillSlope(x: number, K: number, S: number): number {
  const at = x > 0 ? x : S < 1 ? K * 1e-9 : 0;
  if (at === 0) return S === 1 ? 1 / K : 0;
  const r = Math.pow(at / K, S);
  if (!Number.isFinite(r)) return 0;
  return (S * r) / (at * (1 + r) * (1 + r));
}

/** Expected revenue of one day at a steady daily spend `x` (weekday effects averaged out). */
export function dailyRevenue(curve: Pick<ResponseCurve, 'beta' | 'K' | 'S'>, x: number): number {
  return curve.beta * hill(x, curve.K, curve.S);
}

/** Extra revenue a day per extra unit of steady daily spend at `x`. */
export function marginalDailyRevenue(curve: Pick<ResponseCurve, 'beta' | 'K' | 'S'>, x: number): number {
  return curve.beta * hillSlope(x, curve.K, curve.S);
}

/** Normalised geometric adstock of a spend series, starting from `initial`. */
export function adstock(spend: ArrayLike<number>, theta: number, initial = 0, out = new Float64Array(spend.length)): Float64Array {
  let a = initial;
  for (let i = 0; i < spend.length; i++) {
    a = theta * a + (1 - theta) * spend[i]!;
    out[i] = a;
  }
  return out;
}

/** The daily spend's distance beyond the observed range, on the log scale (0 inside it). */
export function extrapolationDistance(curve: Pick<ResponseCurve, 'observed'>, x: number): number {
  const { low, high } = curve.observed;
  if (!(x > 0)) return 0;
  if (high > 0 && x > high * (1 + EXTRAPOLATION_TOLERANCE)) return Math.log(x / high);
  if (low > 0 && x < low * (1 - EXTRAPOLATION_TOLERANCE)) return Math.log(low / x);
  return 0;
}

/** Quantile of a sorted array (linear interpolation). */
function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const at = q * (n - 1);
  const i = Math.floor(at);
  const f = at - i;
  return i + 1 < n ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[n - 1]!;
}

/**
 * The band's half-widths on the log scale, below and above the central projection, from the log
 * ratios of the draws to the central curve, the noise of `days` days and the extrapolation.
 */
function bandLogWidths(logRatios: Float64Array, sigma: number, days: number, distance: number): { down: number; up: number } {
  const sorted = logRatios.sort();
  const q05 = quantile(sorted, 0.05);
  const q95 = quantile(sorted, 0.95);
  const extra = BAND_Z * Math.sqrt((sigma * sigma) / Math.max(1, days) + (EXTRAPOLATION_SD_PER_LOG * distance) ** 2);
  return { down: Math.hypot(Math.max(0, -q05), extra), up: Math.hypot(Math.max(0, q95), extra) };
}

/** Checks shared by the projections: a horizon of at least one day and a finite, non-negative spend. */
function checkInput(spend: number, days: number): void {
  if (!(Number.isFinite(days) && days > 0)) throw new RangeError(`days must be a positive number, got ${String(days)}`);
  if (!(Number.isFinite(spend) && spend >= 0)) throw new RangeError(`spend must be a finite number ≥ 0, got ${String(spend)}`);
}

/** Projects `spend` over `days` days for one channel: revenue, band, marginal revenue and the extrapolation flag. */
export function projectSpend(curve: ResponseCurve, spend: number, days: number): Projection {
  checkInput(spend, days);
  const x = spend / days;
  const revenue = days * dailyRevenue(curve, x);
  const marginalRevenue = marginalDailyRevenue(curve, x);
  const distance = extrapolationDistance(curve, x);
  if (!(revenue > 0)) return { spend, revenue: 0, low: 0, high: 0, marginalRevenue, extrapolated: distance > 0 };
  const logRatios = new Float64Array(curve.draws.length);
  for (let b = 0; b < curve.draws.length; b++) {
    const [beta, K, S] = curve.draws[b]!;
    logRatios[b] = Math.log(Math.max(1e-300, days * beta * hill(x, K, S)) / revenue);
  }
  const { down, up } = bandLogWidths(logRatios, curve.sigma, days, distance);
  return { spend, revenue, low: revenue * Math.exp(-down), high: revenue * Math.exp(up), marginalRevenue, extrapolated: distance > 0 };
}

/** One channel's spend in an allocation. */
export interface ChannelSpend {
  channel: string;
  spend: number;
}

export interface AllocationProjection {
  channels: Array<Projection & { channel: string }>;
  total: { spend: number; revenue: number; low: number; high: number; extrapolated: boolean };
}

/**
 * Projects a whole allocation: each channel as {@link projectSpend}, and the total with its own
 * band (draw by draw across channels, so uncertainties that cancel are not added up as if they all
 * went the same way). Channels missing from `curves` throw: callers check names first.
 */
export function projectAllocation(
  curves: ReadonlyMap<string, ResponseCurve> | Readonly<Record<string, ResponseCurve>>,
  allocation: readonly ChannelSpend[],
  days: number,
): AllocationProjection {
  const get = (name: string) => (curves instanceof Map ? curves.get(name) : (curves as Record<string, ResponseCurve>)[name]);
  const channels: AllocationProjection['channels'] = [];
  let spend = 0;
  let revenue = 0;
  let draws = Infinity;
  let extra2 = 0;
  let extrapolated = false;
  for (const { channel, spend: s } of allocation) {
    const curve = get(channel);
    if (!curve) throw new RangeError(`no response curve for channel ${JSON.stringify(channel)}`);
    const p = projectSpend(curve, s, days);
    channels.push({ channel, ...p });
    spend += s;
    revenue += p.revenue;
    extrapolated ||= p.extrapolated;
    draws = Math.min(draws, curve.draws.length);
    const e = BAND_Z * Math.sqrt(curve.sigma ** 2 / days + (EXTRAPOLATION_SD_PER_LOG * extrapolationDistance(curve, s / days)) ** 2);
    extra2 += (p.revenue * e) ** 2;
  }
  if (!(revenue > 0)) return { channels, total: { spend, revenue: 0, low: 0, high: 0, extrapolated } };
  const n = Number.isFinite(draws) ? draws : 0;
  const totals = new Float64Array(n);
  for (const { channel, spend: s } of allocation) {
    const curve = get(channel)!;
    const x = s / days;
    for (let b = 0; b < n; b++) {
      const [beta, K, S] = curve.draws[b]!;
      totals[b] = totals[b]! + days * beta * hill(x, K, S);
    }
  }
  for (let b = 0; b < n; b++) totals[b] = Math.log(Math.max(1e-300, totals[b]!) / revenue);
  const sorted = totals.sort();
  const q05 = n ? quantile(sorted, 0.05) : 0;
  const q95 = n ? quantile(sorted, 0.95) : 0;
  // Noise and extrapolation of each channel, in money, added in quadrature and put on the log scale.
  const extra = Math.log1p(Math.sqrt(extra2) / revenue);
  const low = revenue * Math.exp(-Math.hypot(Math.max(0, -q05), extra));
  const high = revenue * Math.exp(Math.hypot(Math.max(0, q95), extra));
  return { channels, total: { spend, revenue, low, high, extrapolated } };
}
