import type { Recommendation } from '@retailmind/sdk';

/**
 * The `rm-*` events the elements dispatch. Each is a `CustomEvent` that bubbles and is composed (it
 * crosses shadow roots), with a typed `detail`; `HTMLElementEventMap` knows them, so
 * `el.addEventListener('rm-action', (e) => e.detail.campaignId)` is typed. They fire on user
 * actions only, never when code sets a property; `rm-auth-expired` alone fires when the server
 * refuses the session, whatever asked.
 */

/** `rm-action`: the user chose the action of a recommendation card. */
export interface RmActionDetail {
  action: Recommendation['action'];
  campaignId: string;
  recommendation: Recommendation;
}

/** One channel's budget in a scenario, over the simulator's horizon. */
export interface RmAllocation {
  channel: string;
  spend: number;
}

/** `rm-scenario-change`: the user changed the budget scenario (a slider, Optimize or Reset). */
export interface RmScenarioChangeDetail {
  allocations: RmAllocation[];
  /** What changed it. */
  cause: 'slider' | 'optimize' | 'reset';
  /** Horizon of the allocations, in days. */
  days: number;
}

/**
 * `rm-auth-expired`: a request of the element (its data, a live refresh, a user action such as
 * Optimize or Export) or its live subscription was refused for its credentials (a 401, or `getToken`
 * failed): the host should sign in again. Once per episode per element: not again for retries or
 * further refusals until a request succeeds or the element gets another client. The element keeps
 * the data it shows.
 */
export interface RmAuthExpiredDetail {
  /** The SDK's `AuthenticationError` (`status` 401; `code` e.g. `token_expired` or `token_refresh_failed`). */
  error: unknown;
}

/** `rm-export`: the user asked for an export. Cancelable: `preventDefault()` and the element does not download it itself. */
export interface RmExportDetail {
  format: 'pdf' | 'csv';
  view: string;
  from: string | undefined;
  to: string | undefined;
}

const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({ bubbles: true, composed: true, cancelable, detail });

export class RmActionEvent extends CustomEvent<RmActionDetail> {
  constructor(detail: RmActionDetail) {
    super('rm-action', init(detail));
  }
}

export class RmScenarioChangeEvent extends CustomEvent<RmScenarioChangeDetail> {
  constructor(detail: RmScenarioChangeDetail) {
    super('rm-scenario-change', init(detail));
  }
}

export class RmAuthExpiredEvent extends CustomEvent<RmAuthExpiredDetail> {
  constructor(detail: RmAuthExpiredDetail) {
    super('rm-auth-expired', init(detail));
  }
}

export class RmExportEvent extends CustomEvent<RmExportDetail> {
  constructor(detail: RmExportDetail) {
    super('rm-export', init(detail, true));
  }
}

declare global {
  interface HTMLElementEventMap {
    'rm-action': RmActionEvent;
    'rm-scenario-change': RmScenarioChangeEvent;
    'rm-auth-expired': RmAuthExpiredEvent;
    'rm-export': RmExportEvent;
  }
}
