import { html, nothing, type TemplateResult } from 'lit';

/** What an error means to the person looking at the element. */
export type ErrorKind = 'forbidden' | 'auth' | 'unavailable' | 'offline' | 'no-client' | 'failed';

/** Raised when an element has neither a provider, a `client` nor an `api-base`. */
export class NoClientError extends Error {
  override name = 'NoClientError';
  constructor() {
    super('No data source: place the element inside <rm-provider>, or give it api-base (and token).');
  }
}

/** Classifies by `status`/`name`, not `instanceof`, so errors from another copy of the SDK are understood too. */
export function errorKind(error: unknown): ErrorKind {
  const e = error as { status?: unknown; name?: unknown; code?: unknown } | null;
  if (error instanceof NoClientError) return 'no-client';
  if (e?.status === 403 || e?.name === 'PermissionDeniedError') return 'forbidden';
  if (e?.status === 401 || e?.name === 'AuthenticationError') return 'auth';
  if (e?.status === 404 || e?.status === 501 || e?.name === 'NotFoundError') return 'unavailable';
  if (e?.name === 'APIConnectionError' || e?.name === 'APIConnectionTimeoutError') return 'offline';
  return 'failed';
}

const ICONS = {
  alert: html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" fill="currentColor"><path d="M10 2 1 18h18L10 2zm0 4.5 5.9 10H4.1L10 6.5zM9 9v4h2V9H9zm0 5v2h2v-2H9z"/></svg>`,
  lock: html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" fill="currentColor"><path d="M6 8V6a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1h1zm2 0h4V6a2 2 0 1 0-4 0v2z"/></svg>`,
  empty: html`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" fill="currentColor"><path d="M3 4h14v2H3V4zm0 5h14v2H3V9zm0 5h9v2H3v-2z"/></svg>`,
};
export { ICONS as STATE_ICONS };

/** A skeleton of `lines` bars; the host reserves its size through `min-height`. */
export function skeleton(label: string, lines: string[] = ['40%', '70%', '55%']): TemplateResult {
  return html`<div class="skeleton" part="skeleton" aria-busy="true">
    <span class="sr-only" role="status">Loading ${label}…</span>
    ${lines.map((w) => html`<div class="bone" style="width:${w}" aria-hidden="true"></div>`)}
  </div>`;
}

export function emptyState(message: string): TemplateResult {
  return html`<div class="state empty" part="empty"><p class="muted">${ICONS.empty} ${message}</p></div>`;
}

/** The message for each kind of failure; Retry everywhere but where retrying cannot help. */
export function errorState(error: unknown, what: string, retry: () => void): TemplateResult {
  const kind = errorKind(error);
  if (kind === 'forbidden')
    return html`<div class="state forbidden" part="forbidden">
      <p>${ICONS.lock} <span>${what[0]!.toUpperCase() + what.slice(1)} ${what.endsWith('s') ? 'are' : 'is'} not available for your role.</span></p>
      <p class="muted">Ask a manager if you need this view.</p>
    </div>`;
  const message =
    kind === 'auth'
      ? 'Your session has ended. Sign in again to see this.'
      : kind === 'offline'
        ? `Could not reach the server to load ${what}.`
        : kind === 'no-client'
          ? (error as Error).message
          : kind === 'unavailable'
            ? `${what[0]!.toUpperCase() + what.slice(1)} ${what.endsWith('s') ? 'are' : 'is'} not available on this server yet.`
            : `Something went wrong loading ${what}.`;
  return html`<div class="state error" part="error" role="alert">
    <p class="message">${ICONS.alert} <span>${message}</span></p>
    ${kind === 'no-client' ? nothing : html`<button type="button" part="retry" @click=${retry}>Retry</button>`}
  </div>`;
}
