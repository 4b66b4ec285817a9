/**
 * Every story renders its element inside an `<rm-provider>` whose client is the SDK's fake
 * transport (`@retailmind/sdk/testing`): the real client, answering from fixtures the server
 * recorded on data/sample. No server needed.
 */
import { createFakeClient, type FakeClientOptions } from '@retailmind/sdk/testing';
import { html, type TemplateResult } from 'lit';

export interface SceneOptions extends FakeClientOptions {
  theme?: 'light' | 'dark';
  /** Width of the container, to show the container-query layouts. */
  width?: string;
}

export function scene(content: TemplateResult, options: SceneOptions = {}): TemplateResult {
  const { theme = 'light', width, ...client } = options;
  const dark = theme === 'dark';
  return html`<div style="padding:1rem;border-radius:12px;background:${dark ? '#030712' : '#f9fafb'};font-family:system-ui,sans-serif;${width ? `max-width:${width};` : ''}">
    <rm-provider .client=${createFakeClient({ synthetic: true, ...client })} theme=${theme} user-role=${client.role ?? 'manager'} currency="USD" locale="en-US">
      ${content}
    </rm-provider>
  </div>`;
}

/** The states every element has a story for. */
export const STATES = {
  Populated: {},
  Loading: { scenario: 'pending' },
  Error: { scenario: 'error' },
  Offline: { scenario: 'offline' },
  Empty: { scenario: 'empty' },
  Leadership: { role: 'leadership' },
  Dark: { theme: 'dark' },
} as const satisfies Record<string, SceneOptions>;
