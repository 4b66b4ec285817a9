import { createContext } from '@lit/context';
import type { RetailMindClient, Role } from '@retailmind/sdk';

/** The SDK client `<rm-provider>` gives its descendants (any object with the client's methods: tests pass a fake). */
export const clientContext = createContext<RetailMindClient | undefined>(Symbol.for('retailmind.client'));

/** Who is looking, how to show numbers, and what to show: from `<rm-provider>`'s attributes. */
export interface RmSettings {
  /** The viewer's role, when known (the `role` attribute, else the token's `role` claim). Cosmetic: the server decides. */
  role?: Role | undefined;
  /** BCP 47 locale for numbers and dates; the browser's when undefined. */
  locale?: string | undefined;
  /** ISO 4217 currency of money figures. */
  currency?: string | undefined;
  /** First day, `YYYY-MM-DD`; the server's default range when undefined. */
  from?: string | undefined;
  /** Last day, `YYYY-MM-DD`. */
  to?: string | undefined;
  /** Channel filter. */
  channel?: string[] | undefined;
  /** Segment filter. */
  segment?: string[] | undefined;
}

export const settingsContext = createContext<RmSettings>(Symbol.for('retailmind.settings'));
