/**
 * What every element shares about authentication: `rm-auth-expired` when the initial load, a live
 * refresh or the live subscription is refused for its credentials, once per episode, with the data
 * already on screen kept.
 */
import { AuthenticationError, PermissionDeniedError } from '@retailmind/sdk';
import { createFakeClient, sample, type FakePath, type FakeScenario } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RmAuthExpiredEvent } from '../events/events.js';
import type { RmKpi } from '../kpi/kpi.js';
import { cleanup, mount, settle, shadow } from '../test/helpers.js';

afterEach(cleanup);

/** The `rm-auth-expired` events heard on `target` (and the node each came from) until the returned `stop`. */
function listen(target: EventTarget) {
  const events: RmAuthExpiredEvent[] = [];
  const origins: EventTarget[] = [];
  const on = (e: Event) => {
    events.push(e as RmAuthExpiredEvent);
    origins.push(e.composedPath()[0]!); // only while it is dispatched
  };
  target.addEventListener('rm-auth-expired', on);
  return { events, origins, stop: () => target.removeEventListener('rm-auth-expired', on) };
}

const refused = () => new AuthenticationError(401, { error: { code: 'token_expired', message: 'the token has expired' } });

describe('rm-auth-expired', () => {
  it('fires once when the initial load is answered 401, and crosses shadow roots to the document', async () => {
    // The widgets inside a portal component's shadow root.
    const portal = document.createElement('div');
    document.body.append(portal);
    const provider = document.createElement('rm-provider');
    provider.client = createFakeClient({ scenario: { '/api/dashboard-summary': 'unauthorized' } });
    provider.innerHTML = '<rm-kpi metric="revenue"></rm-kpi>';
    portal.attachShadow({ mode: 'open' }).append(provider);
    const heard = listen(document);
    try {
      const el = provider.querySelector<RmKpi>('rm-kpi')!;
      await settle(el);
      expect(shadow(el).querySelector('[part=error]')?.textContent).toMatch(/session has ended/);
      expect(heard.events).toHaveLength(1);
      const event = heard.events[0]!;
      expect(event.bubbles && event.composed).toBe(true);
      expect(event.target).toBe(portal); // retargeted: it came out of the portal's shadow root
      expect(heard.origins[0]).toBe(el);
      expect(event.detail.error).toMatchObject({ name: 'AuthenticationError', status: 401, code: 'token_expired' });
      // Retry is refused again: the same episode, so no second event.
      shadow(el).querySelector<HTMLButtonElement>('[part=retry]')!.click();
      await settle(el);
      expect(shadow(el).querySelector('[part=error]')).not.toBeNull();
      expect(heard.events).toHaveLength(1);
    } finally {
      heard.stop();
      portal.remove();
    }
  });

  it('fires when the live subscription is refused for its token, keeping the figure', async () => {
    const { el, client, host } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi', { client: {} });
    const heard = listen(host);
    const figure = shadow(el).querySelector('[part=value]')?.textContent;
    expect(figure).toBeTruthy();
    // What the SDK's subscribe gives onError when the handshake is refused (or the session ended) and no new token can be had.
    client!.fake.live.fail('summary', refused());
    await el.updateComplete;
    expect(heard.events).toHaveLength(1);
    expect(heard.events[0]!.detail.error).toBeInstanceOf(AuthenticationError);
    expect(shadow(el).querySelector('[part=value]')?.textContent).toBe(figure);
    client!.fake.live.fail('summary', refused()); // the SDK telling every topic: still one episode
    client!.fake.live.fail('summary', new PermissionDeniedError(403, undefined)); // not an auth failure
    await el.updateComplete;
    expect(heard.events).toHaveLength(1);
  });

  it('keeps the figure on screen when a live refresh is answered 401, and fires once per episode', async () => {
    const scenario: Partial<Record<FakePath, FakeScenario>> = {};
    const { el, client, host } = await mount<RmKpi>('<rm-kpi metric="revenue"></rm-kpi>', 'rm-kpi', { client: { scenario } });
    const heard = listen(host);
    const figure = () => shadow(el).querySelector('[part=value]')?.textContent;
    const before = figure();
    const push = async () => {
      client!.fake.live.push('summary', sample.summary, 2);
      await settle(el);
    };
    scenario['/api/dashboard-summary'] = 'unauthorized'; // the session ends
    await push();
    expect(client!.fake.calls.at(-1)?.path).toBe('/api/dashboard-summary');
    expect(heard.events).toHaveLength(1);
    expect(figure()).toBe(before);
    expect(shadow(el).querySelector('[part=error]')).toBeNull();
    await push(); // refused again: the same episode
    expect(heard.events).toHaveLength(1);
    delete scenario['/api/dashboard-summary']; // signed in again: a request succeeds, the episode ends
    await push();
    scenario['/api/dashboard-summary'] = 'unauthorized';
    await push();
    expect(heard.events).toHaveLength(2);
    expect(figure()).toBe(before);
  });
});
