/**
 * What every story shares. Each renders its element inside an `<rm-provider>` whose client is the
 * SDK's fake transport (`@retailmind/sdk/testing`): the real client, answering from fixtures the
 * server recorded on data/sample. No server needed.
 *
 * `withScene` (a global decorator, see `.storybook/preview.ts`) builds that scene from the story's
 * `parameters.scene`; the state stories below set only that, so an element's story file re-exports
 * them and says only what is particular to it: its title, its template, its controls.
 */
import { createFakeClient, type FakeClientOptions } from '@retailmind/sdk/testing';
import type { Decorator, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';

export interface SceneOptions extends FakeClientOptions {
  theme?: 'light' | 'dark';
  /** Width of the container, to show the container-query layouts. */
  width?: string;
}

/** The elements' controls, as Storybook hands them over. */
export type Args = Record<string, any>;
export type Story = StoryObj<Args>;

export function scene(content: unknown, options: SceneOptions = {}): TemplateResult {
  const { theme = 'light', width, ...client } = options;
  const dark = theme === 'dark';
  return html`<div style="padding:1rem;border-radius:12px;background:${dark ? '#030712' : '#f9fafb'};font-family:system-ui,sans-serif;${width ? `max-width:${width};` : ''}">
    <rm-provider .client=${createFakeClient({ synthetic: true, ...client })} theme=${theme} user-role=${client.role ?? 'manager'} currency="USD" locale="en-US">
      ${content}
    </rm-provider>
  </div>`;
}

export const withScene: Decorator = (story, { parameters }) => scene(story(), parameters['scene'] as SceneOptions | undefined);

/** A story that is the element's template in the scene `options` describe. */
export const inScene = (options: SceneOptions, description?: string): Story => ({
  parameters: { scene: options, ...(description ? { docs: { description: { story: description } } } : {}) },
});

// The states every element has a story for.
export const Populated = inScene({});
export const Loading = inScene({ scenario: 'pending' });
export const Error = inScene({ scenario: 'error' });
export const Offline = inScene({ scenario: 'offline' });
export const Empty = inScene({ scenario: 'empty' });
export const Leadership = inScene({ role: 'leadership' }, 'What the leadership role gets: the server refuses campaign-level routes (403).');
export const Dark = inScene({ theme: 'dark' });
export const DarkError = inScene({ theme: 'dark', scenario: 'error' });
