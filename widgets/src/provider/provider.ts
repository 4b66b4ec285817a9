import { provide } from '@lit/context';
import { createClient, type RetailMindClient, type Role, type TokenProvider } from '@retailmind/sdk';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { clientContext, settingsContext, type RmSettings } from '../context/contexts.js';
import { listAttribute, roleFromToken } from '../context/standalone.js';
import { themeStyles } from '../styles/tokens.js';

/**
 * Gives the RetailMind elements inside it one SDK client and shared settings (role, locale,
 * currency, date range, filters) through `@lit/context`. It renders nothing of its own: its
 * children lay out as if it were not there (`display: contents`).
 *
 * @summary The data source and settings of the elements inside it.
 * @slot - The elements (and any other content).
 * @cssproperty --rm-color-* - Set here to theme every element inside; see the README for the list.
 *
 * @example
 * ```html
 * <rm-provider api-base="https://retailmind.example.com" token="…" locale="de-DE" currency="EUR" from="2026-10-01" to="2026-10-31">
 *   <rm-kpi metric="revenue"></rm-kpi>
 * </rm-provider>
 * ```
 */
export class RmProvider extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host { display: contents; }
    `,
  ];

  /** Base URL of the engine API (without `/api`); `''` for the page's own origin. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** A bearer token. For tokens that expire, set `getToken` instead. */
  @property() token?: string;
  /** BCP 47 locale for numbers and dates. */
  @property() locale?: string;
  /** ISO 4217 currency of money figures. Default `USD`. */
  @property() currency = 'USD';
  /** First day (`YYYY-MM-DD`) of the range every element shows; the server's default range when unset. */
  @property() from?: string;
  /** Last day (`YYYY-MM-DD`). */
  @property() to?: string;
  /** Comma-separated channel filter (`Email,Social`). */
  @property() channel?: string;
  /** Comma-separated segment filter. */
  @property() segment?: string;
  /**
   * The viewer's role (`manager`, `analyst`, `leadership`), for presentation only (the server decides
   * what each role may see). Defaults to the `role` claim of `token`.
   */
  @property({ attribute: 'user-role' }) userRole?: Role;
  /** `light` (default), `dark`, or `auto`: sets the `--rm-color-*` palette for everything inside. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';
  /** Supplies fresh tokens (JS only); see the SDK's `getToken`. */
  @property({ attribute: false }) getToken?: TokenProvider;
  /** A ready SDK client (JS only); overrides `api-base`, `token` and `getToken`. */
  @property({ attribute: false }) client?: RetailMindClient;

  /** @internal */
  @provide({ context: clientContext })
  @state()
  _client?: RetailMindClient;

  /** @internal */
  @provide({ context: settingsContext })
  @state()
  _settings: RmSettings = {};

  private built?: { key: unknown[]; client: RetailMindClient };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('apiBase') || changed.has('token') || changed.has('getToken')) {
      this._client = this.client ?? this.buildClient();
    }
    this._settings = {
      role: this.userRole ?? roleFromToken(this.token),
      locale: this.locale,
      currency: this.currency,
      from: this.from,
      to: this.to,
      channel: listAttribute(this.channel),
      segment: listAttribute(this.segment),
    };
  }

  private buildClient(): RetailMindClient | undefined {
    if (this.apiBase === undefined) return undefined;
    const key = [this.apiBase, this.token, this.getToken];
    if (this.built && this.built.key.every((k, i) => k === key[i])) return this.built.client;
    this.built?.client.closeLive();
    const client = createClient({
      baseUrl: this.apiBase,
      ...(this.token ? { token: this.token } : {}),
      ...(this.getToken ? { getToken: this.getToken } : {}),
    });
    this.built = { key, client };
    return client;
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
