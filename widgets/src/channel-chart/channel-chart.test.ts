import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmChannelChart } from './channel-chart.js';

afterEach(cleanup);

describe('<rm-channel-chart>', () => {
  it('draws the channels with Chart.js, and gives the same figures as a table and a label', async () => {
    const { el } = await mount<RmChannelChart>('<rm-channel-chart metric="roi"></rm-channel-chart>', 'rm-channel-chart', { client: {} });
    await new Promise((r) => setTimeout(r, 50));
    const root = shadow(el);
    const canvas = root.querySelector('canvas')!;
    expect(canvas.width).toBeGreaterThan(0);
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows.length).toBe(sample.summary.channels.length);
    const best = [...sample.summary.channels].sort((a, b) => (b.roi ?? 0) - (a.roi ?? 0))[0]!;
    expect(rows[0]!.querySelector('th')?.textContent).toBe(best.channel);
    expect(rows[0]!.querySelector('td')?.textContent).toMatch(/%$/);
    expect(canvas.getAttribute('aria-label')).toMatch(/^ROI by channel: /);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('follows a theme change: the axis labels take the dark theme\'s colour', async () => {
    const { el, host } = await mount<RmChannelChart>('<rm-channel-chart metric="roi"></rm-channel-chart>', 'rm-channel-chart', { client: {} });
    await new Promise((r) => setTimeout(r, 50));
    const tickColour = () => (el as unknown as { chart: { options: { scales: { y: { ticks: { color: string } } } } } }).chart.options.scales.y.ticks.color;
    const light = tickColour();
    host.querySelector('rm-provider')!.setAttribute('theme', 'dark');
    await new Promise((r) => setTimeout(r, 100));
    expect(tickColour()).not.toBe(light);
    expect(tickColour()).toBe(getComputedStyle(el).getPropertyValue('--_text-muted').trim());
  });

  it('shows money metrics in the currency of the provider', async () => {
    const { el } = await mount<RmChannelChart>('<rm-channel-chart metric="spend" currency="EUR" locale="de-DE"></rm-channel-chart>', 'rm-channel-chart', { client: {} });
    expect(shadow(el).querySelector('tbody td')?.textContent).toMatch(/€/);
  });
});
