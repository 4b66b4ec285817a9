import { createFakeClient, sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, settle, shadow } from '../test/helpers.js';
import '../all.js';

afterEach(cleanup);

describe('<rm-provider>', () => {
  it('gives its descendants the client, locale, currency, range and filters', async () => {
    const client = createFakeClient();
    const host = document.createElement('div');
    host.innerHTML = `<rm-provider locale="de-DE" currency="EUR" from="2026-10-01" to="2026-10-31" channel="Email, Social">
      <div><rm-kpi metric="revenue"></rm-kpi></div></rm-provider>`;
    host.querySelector('rm-provider')!.client = client;
    document.body.append(host);
    const kpi = host.querySelector('rm-kpi')!;
    await settle(kpi);
    const first = client.fake.calls[0]!;
    expect(first.query.get('from')).toBe('2026-10-01');
    expect(first.query.getAll('channel')).toEqual(['Email', 'Social']);
    expect(shadow(kpi).querySelector('[part=value]')?.textContent).toMatch(/€/);
    // an element's own attribute wins over the provider's
    kpi.currency = 'GBP';
    await kpi.updateComplete;
    expect(shadow(kpi).querySelector('[part=value]')?.textContent).toMatch(/£/);
    host.remove();
  });

  it('reads the role from the token when none is given', async () => {
    const payload = btoa(JSON.stringify({ sub: 'x', role: 'leadership', exp: 9999999999 })).replace(/=+$/, '');
    const host = document.createElement('div');
    host.innerHTML = `<rm-provider api-base="http://127.0.0.1:9" token="e30.${payload}.sig"><rm-report></rm-report></rm-provider>`;
    document.body.append(host);
    const provider = host.querySelector('rm-provider')!;
    await provider.updateComplete;
    expect((provider as unknown as { _settings: { role?: string } })._settings.role).toBe('leadership');
    host.remove();
    expect(sample.summary.totals.revenue).toBeGreaterThan(0);
  });
});
