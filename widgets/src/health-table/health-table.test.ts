import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmHealthTable } from './health-table.js';

afterEach(cleanup);

const names = (el: Element) => [...shadow(el).querySelectorAll('tbody th[scope=row] .name')].map((n) => n.textContent);

describe('<rm-health-table>', () => {
  it('is a real table of every campaign, critical first, with badges in words and icons', async () => {
    const { el } = await mount<RmHealthTable>('<rm-health-table></rm-health-table>', 'rm-health-table', { client: {} });
    const root = shadow(el);
    expect(root.querySelector('table caption')).not.toBeNull();
    expect(root.querySelectorAll('thead th[scope=col]').length).toBe(10);
    expect(root.querySelectorAll('tbody tr').length).toBe(sample.campaignHealth.campaigns.length);
    const firstBadge = root.querySelector('tbody tr [part=badge]')!;
    expect(firstBadge.textContent?.trim()).toBe('Critical');
    expect(firstBadge.querySelector('svg')).not.toBeNull();
    expect(root.querySelector('th[aria-sort=ascending]')?.textContent).toMatch(/Status/);
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('sorts from the keyboard, announcing the order through aria-sort', async () => {
    const { el } = await mount<RmHealthTable>('<rm-health-table></rm-health-table>', 'rm-health-table', { client: {} });
    const root = shadow(el);
    const button = [...root.querySelectorAll<HTMLButtonElement>('thead th button')].find((b) => b.textContent?.includes('Campaign'))!;
    button.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    const ascending = [...sample.campaignHealth.campaigns].map((c) => c.campaignName).sort((a, b) => a.localeCompare(b));
    expect(names(el)).toEqual(ascending);
    expect(button.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    await userEvent.keyboard(' ');
    await el.updateComplete;
    expect(names(el)).toEqual([...ascending].reverse());
    expect(button.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    // numeric columns start with the largest
    const score = [...root.querySelectorAll<HTMLButtonElement>('thead th button')].find((b) => b.textContent?.includes('Score'))!;
    score.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    const scores = [...root.querySelectorAll('tbody tr')].map((tr) => Number(tr.querySelectorAll('td')[3]!.textContent));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by status with toggle buttons showing the counts', async () => {
    const { el } = await mount<RmHealthTable>('<rm-health-table></rm-health-table>', 'rm-health-table', { client: {} });
    const root = shadow(el);
    const critical = [...root.querySelectorAll<HTMLButtonElement>('[part=filters] button')].find((b) => b.textContent?.includes('Critical'))!;
    expect(critical.textContent).toContain(String(sample.campaignHealth.counts.critical));
    await userEvent.click(critical);
    await el.updateComplete;
    expect(critical.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelectorAll('tbody tr').length).toBe(sample.campaignHealth.counts.critical);
    // the attribute sets the first filter
    const attention = await mount<RmHealthTable>('<rm-health-table status="attention"></rm-health-table>', 'rm-health-table', { client: {} });
    expect(shadow(attention.el).querySelectorAll('tbody tr').length).toBe(sample.campaignHealth.counts.attention);
  });

  it('drops secondary columns in a narrow container', async () => {
    const { el } = await mount<RmHealthTable>('<rm-health-table></rm-health-table>', 'rm-health-table', { client: {}, width: 360 });
    const segment = shadow(el).querySelector('td.col-segment')!;
    expect(getComputedStyle(segment).display).toBe('none');
    expect(await seriousViolations(el)).toEqual([]);
  });
});
