import { CsvWriter, encodeField } from './csv.js';
import type { World } from './model.js';
import { Rng } from './random.js';
import type { Store } from './simulate.js';

/** Share of orders placed by a customer who already ordered that day (so customers <= orders). */
const MULTI_ORDER_MAX = 0.05;
const REPEAT_SIGMA = 0.1;
const CART_SIGMA = 0.06;
const FILE_HEADER = ['date', 'segment', 'channel', 'customers', 'repeat_customers', 'orders', 'items'];

/**
 * customer_daily rows, one per date × segment × channel that has campaigns, derived from the
 * (already perturbed) sales so the tables agree: orders = that segment/channel's attributed
 * transactions that day; customers a little below orders; repeat customers a segment-dependent
 * share of customers; items = orders × the segment's cart size.
 */
export function customerRows(world: World, store: Store, dates: readonly Uint8Array[]): CsvWriter {
  const rng = Rng.stream(world.options.seed, 'customers');
  const nS = world.segments.length;
  const nCh = world.channels.length;
  const combos = nS * nCh;
  const orders = new Float64Array(store.nD * combos);
  const campaignCombo = world.campaigns.map((c) => c.segment * nCh + c.channel);
  const used = new Uint8Array(combos);
  for (const k of campaignCombo) used[k] = 1;
  for (let k = 0; k < store.sales.length; k++) {
    const c = store.sales.camp[k]!;
    if (c < 0) continue;
    orders[store.sales.day[k]! * combos + campaignCombo[c]!]! += store.sales.trans[k]!;
  }
  const segF = world.segments.map((s) => encodeField(s.name));
  const chF = world.channels.map((c) => encodeField(c.name));
  const out = new CsvWriter(FILE_HEADER, store.nD * combos * 48);
  for (let d = 0; d < store.nD; d++) {
    for (let s = 0; s < nS; s++) {
      const seg = world.segments[s]!;
      for (let ch = 0; ch < nCh; ch++) {
        const k = s * nCh + ch;
        if (!used[k]) continue;
        const o = orders[d * combos + k]!;
        let customers = 0;
        let repeat = 0;
        let items = 0;
        if (o > 0) {
          customers = Math.max(1, o - Math.round(o * rng.uniform(0, MULTI_ORDER_MAX)));
          repeat = Math.min(customers, Math.round(customers * seg.repeatShare * rng.lognormal(REPEAT_SIGMA)));
          items = o + Math.max(0, Math.round(o * (seg.cartSize - 1) * rng.lognormal(CART_SIGMA)));
        }
        out.field(dates[d]!, true).field(segF[s]!).field(chF[ch]!);
        out.int(customers).int(repeat).int(o).int(items).end();
      }
    }
  }
  return out;
}
