import type { LivePayload, LiveTopic } from '@retailmind/sdk/contract';
import { dashboardSummary } from '../services/dashboard-summary.js';
import { engineFor } from '../services/engine.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

/** What a topic's computation may use. */
export interface TopicContext {
  store: Store;
}

/**
 * How each live topic is computed: its route's answer without parameters (the contract's
 * `LIVE_TOPICS` names the route). Computed once per data change; the publisher then filters it
 * per role through `auth/views.ts`, so who receives what follows the role matrix of that route.
 * Adding a topic: one line in `LIVE_TOPICS` (sdk/src/contract/live.ts) and one line here.
 */
export type TopicRegistry = { [T in LiveTopic]: (ctx: TopicContext) => Promise<LivePayload<T>> };

export const TOPICS: TopicRegistry = {
  summary: async ({ store }) => dashboardSummary(store, await resolveFilter(store, {})),
  anomalies: async ({ store }) => engineFor(store).anomalies(await resolveFilter(store, {})),
  health: async ({ store }) => engineFor(store).campaignHealth({}),
  recommendations: async ({ store }) => engineFor(store).recommendations(await resolveFilter(store, {})),
};
