/**
 * The budget routes as `<rm-budget-sim>` calls them: `GET /api/response-curves`,
 * `POST /api/budget-simulate` and `POST /api/budget-optimize` (the budget simulator issue).
 *
 * PROVISIONAL: written against the description before `sdk/src/contract/budget.ts` and the
 * SDK's methods landed. The element reads only the fields below and calls the client's
 * `responseCurves`, `budgetSimulate` and `budgetOptimize` methods (named after their routes, as
 * every client method is); a client without them gives the element its honest "not available on
 * this server yet" state. When the contract lands, these types become `import type` from it.
 */
import type { RequestOptions, RetailMindClient } from '@retailmind/sdk';
import { UnavailableError } from '../base/states.js';

/** One sampled point of a channel's fitted response curve, over the horizon. */
export interface CurvePoint {
  spend: number;
  /** The budget contract's name for the projection; `revenue` is the provisional one the fixtures use. */
  projectedRevenue?: number;
  revenue?: number;
  low?: number;
  high?: number;
  /** Whether this point lies outside the spend the fit has seen (the budget contract sets it per point). */
  extrapolated?: boolean;
}

export interface ChannelCurve {
  channel: string;
  /** The channel's current spend over the horizon. */
  currentSpend: number;
  /** The range of spend the channel has actually had over such a horizon (outside it is extrapolation). */
  historicalMin?: number;
  historicalMax?: number;
  points: CurvePoint[];
}

export interface ResponseCurves {
  /** Horizon, in days, of every spend and revenue figure. */
  days: number;
  channels: ChannelCurve[];
}

export interface ChannelProjection {
  channel: string;
  currentSpend: number;
  spend: number;
  projectedRevenue: number;
  low: number;
  high: number;
  projectedRoi: number | null;
  marginalRoi: number | null;
  extrapolated: boolean;
}

export interface SimulateResponse {
  channels: ChannelProjection[];
  totals: { spend: number; projectedRevenue: number; low: number; high: number; projectedRoi: number | null; revenueDelta: number; roiDelta: number | null };
}

export interface OptimizeResponse {
  allocations: { channel: string; spend: number }[];
  /** The budget contract's plain sentence. */
  recommendation?: string;
  /** The plain sentence a manager can act on (field name provisional: `summary`, `sentence` or `message`). */
  summary?: string;
  sentence?: string;
  message?: string;
}

interface BudgetMethods {
  responseCurves(options?: RequestOptions): Promise<ResponseCurves>;
  budgetSimulate(body: { allocations: { channel: string; spend: number }[]; days?: number }, options?: RequestOptions): Promise<SimulateResponse>;
  budgetOptimize(body: { totalBudget: number; days?: number }, options?: RequestOptions): Promise<OptimizeResponse>;
}

/** The client's budget methods, or an UnavailableError naming what is missing. */
export function budgetApi(client: RetailMindClient): BudgetMethods {
  const c = client as unknown as Partial<BudgetMethods>;
  const need = <K extends keyof BudgetMethods>(name: K): BudgetMethods[K] => {
    const fn = c[name];
    if (typeof fn !== 'function') throw new UnavailableError(`This client has no ${name}(): the budget routes are not available yet.`);
    return fn.bind(client) as BudgetMethods[K];
  };
  return {
    responseCurves: (o) => need('responseCurves')(o),
    budgetSimulate: (b, o) => need('budgetSimulate')(b, o),
    budgetOptimize: (b, o) => need('budgetOptimize')(b, o),
  };
}

/**
 * Revenue (and band) at `spend` from a curve's sampled points, by linear interpolation, and past the
 * last point by the last segment's slope. Instant, for projecting while a slider moves; the server's
 * simulation confirms it when the slider is released.
 */
export function projectFromCurve(curve: ChannelCurve, spend: number): { revenue: number; low: number; high: number; extrapolated: boolean } {
  const pts = [...curve.points].sort((a, b) => a.spend - b.spend);
  const outsideHistory =
    (curve.historicalMax !== undefined && spend > curve.historicalMax) || (curve.historicalMin !== undefined && spend < curve.historicalMin);
  if (pts.length === 0) return { revenue: 0, low: 0, high: 0, extrapolated: true };
  const at = (p: CurvePoint) => {
    const revenue = p.projectedRevenue ?? p.revenue ?? 0;
    return { revenue, low: p.low ?? revenue, high: p.high ?? revenue };
  };
  // The contract flags each sampled point; past the last point is always extrapolation.
  const flagged = (p: CurvePoint | undefined) => p?.extrapolated === true;
  if (pts.length === 1) return { ...at(pts[0]!), extrapolated: outsideHistory || flagged(pts[0]) };
  let i = pts.findIndex((p) => p.spend >= spend);
  if (i === -1) i = pts.length - 1;
  if (i === 0) i = 1;
  const a = pts[i - 1]!;
  const b = pts[i]!;
  const t = b.spend === a.spend ? 0 : (spend - a.spend) / (b.spend - a.spend);
  const lerp = (x: number, y: number) => Math.max(0, x + (y - x) * t);
  const A = at(a);
  const B = at(b);
  const beyond = spend > pts[pts.length - 1]!.spend;
  const extrapolated = outsideHistory || beyond || (t > 0.5 ? flagged(b) : flagged(a));
  return { revenue: lerp(A.revenue, B.revenue), low: lerp(A.low, B.low), high: lerp(A.high, B.high), extrapolated };
}
