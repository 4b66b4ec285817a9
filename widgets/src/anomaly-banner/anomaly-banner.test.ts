import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmAnomalyBanner } from './anomaly-banner.js';

afterEach(cleanup);

describe('<rm-anomaly-banner>', () => {
  it('shows the count and expands its details from the keyboard', async () => {
    const { el } = await mount<RmAnomalyBanner>('<rm-anomaly-banner></rm-anomaly-banner>', 'rm-anomaly-banner', { client: {} });
    const root = shadow(el);
    expect(el.dataset['state']).toBe('some');
    expect(root.querySelector('[part=banner]')?.textContent).toMatch(new RegExp(`${sample.anomalies.count} anomalies`));
    const toggle = root.querySelector<HTMLButtonElement>('[part=toggle]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector<HTMLElement>('[part=details]')!.getBoundingClientRect().height).toBe(0);
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = root.querySelector<HTMLElement>('[part=details]')!;
    expect(details.getBoundingClientRect().height).toBeGreaterThan(0);
    expect(details.textContent).toContain(sample.anomalies.anomalies[0]!.explanation);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('takes no room when there are none', async () => {
    const { el } = await mount<RmAnomalyBanner>('<rm-anomaly-banner></rm-anomaly-banner>', 'rm-anomaly-banner', { client: { scenario: 'empty' } });
    expect(el.dataset['state']).toBe('none');
    expect(el.getBoundingClientRect().height).toBe(0);
  });

  it('asks the server for the severities given', async () => {
    const { client } = await mount<RmAnomalyBanner>('<rm-anomaly-banner severity="high,medium"></rm-anomaly-banner>', 'rm-anomaly-banner', { client: {} });
    expect(client!.fake.calls[0]!.query.getAll('severity')).toEqual(['high', 'medium']);
  });
});
