import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { RmActionEvent } from '../events/events.js';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmRecommendations } from './recommendations.js';

afterEach(cleanup);

describe('<rm-recommendations>', () => {
  it('shows action cards with reason, impact and a badge in words', async () => {
    const { el } = await mount<RmRecommendations>('<rm-recommendations limit="3"></rm-recommendations>', 'rm-recommendations', { client: {} });
    const cards = shadow(el).querySelectorAll('[part=item]');
    expect(cards.length).toBe(3);
    const first = sample.recommendations.recommendations[0]!;
    expect(cards[0]!.querySelector('h3')?.textContent).toBe(first.campaignName);
    expect(cards[0]!.querySelector('[part=badge]')?.textContent?.trim().toLowerCase()).toBe(first.action);
    expect(cards[0]!.textContent).toContain(first.reason);
    const more = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent?.includes('Show all'))!;
    await userEvent.click(more);
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[part=item]').length).toBe(sample.recommendations.recommendations.length);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('fires rm-action once per user action, bubbling out of the shadow root with a typed detail', async () => {
    const { el, host } = await mount<RmRecommendations>('<rm-recommendations></rm-recommendations>', 'rm-recommendations', { client: {} });
    const events: RmActionEvent[] = [];
    host.addEventListener('rm-action', (e) => events.push(e));
    expect(events).toHaveLength(0); // nothing fires on load
    const button = shadow(el).querySelector<HTMLButtonElement>('[part=action]')!;
    await userEvent.click(button);
    expect(events).toHaveLength(1);
    const first = sample.recommendations.recommendations[0]!;
    expect(events[0]!.detail).toEqual({ action: first.action, campaignId: first.campaignId, recommendation: first });
    expect(events[0]!.bubbles && events[0]!.composed).toBe(true);
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(events).toHaveLength(2);
    // a re-render (live refresh) fires nothing
    el.limit = 2;
    await el.updateComplete;
    expect(events).toHaveLength(2);
  });
});
