/**
 * Every element in every state (loading, error, empty, populated, not available for the role,
 * dark theme), each checked with axe-core: zero serious or critical violations.
 */
import type { FakeClientOptions } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, mount, seriousViolations, shadow } from './helpers.js';

afterEach(cleanup);

const ELEMENTS = [
  { tag: 'rm-kpi', markup: '<rm-kpi metric="revenue"></rm-kpi>', forbiddable: false },
  { tag: 'rm-channel-chart', markup: '<rm-channel-chart metric="roi"></rm-channel-chart>', forbiddable: false },
  { tag: 'rm-health-table', markup: '<rm-health-table></rm-health-table>', forbiddable: true },
  { tag: 'rm-recommendations', markup: '<rm-recommendations></rm-recommendations>', forbiddable: true },
  { tag: 'rm-anomaly-banner', markup: '<rm-anomaly-banner open></rm-anomaly-banner>', forbiddable: true },
  { tag: 'rm-budget-sim', markup: '<rm-budget-sim></rm-budget-sim>', forbiddable: true },
  { tag: 'rm-report', markup: '<rm-report></rm-report>', forbiddable: false },
] as const;

const STATES: { name: string; client: FakeClientOptions; part: string | null; theme?: 'dark'; wait?: number }[] = [
  { name: 'populated', client: { synthetic: true }, part: null },
  { name: 'populated, dark', client: { synthetic: true }, part: null, theme: 'dark' },
  { name: 'loading', client: { synthetic: true, scenario: 'pending' }, part: 'skeleton', wait: 30 },
  { name: 'error', client: { synthetic: true, scenario: 'error' }, part: 'error' },
  { name: 'error, dark', client: { synthetic: true, scenario: 'error' }, part: 'error', theme: 'dark' },
  { name: 'empty', client: { synthetic: true, scenario: 'empty' }, part: 'empty' },
  { name: 'offline', client: { synthetic: true, scenario: 'offline' }, part: 'error' },
];

describe.each(ELEMENTS)('<$tag> in every state', ({ tag, markup, forbiddable }) => {
  it.each(STATES)('$name: renders its state with no serious or critical axe violation', async ({ client, part, theme, wait }) => {
    const { el } = await mount(markup, tag, { client, ...(theme ? { theme } : {}), ...(wait ? { wait } : {}) });
    if (part && !(tag === 'rm-anomaly-banner' && part === 'empty')) expect(shadow(el).querySelector(`[part~=${part}]`), `${tag} shows its ${part} state`).not.toBeNull();
    if (tag === 'rm-anomaly-banner' && part === 'empty') expect(el.dataset['state']).toBe('none');
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('for leadership: the server’s 403 as a polite “not available for your role”, or the data where leadership may see it', async () => {
    const { el } = await mount(markup, tag, { client: { synthetic: true, role: 'leadership' }, userRole: 'leadership' });
    const forbidden = shadow(el).querySelector('[part~=forbidden]');
    if (forbiddable) expect(forbidden?.textContent).toMatch(/not available for your role/);
    else expect(forbidden).toBeNull();
    expect(await seriousViolations(el)).toEqual([]);
  });
});

describe('routes the server does not offer yet', () => {
  it.each([
    ['rm-budget-sim', {}],
    ['rm-report', { scenario: { '/api/report': 'missing' } }],
  ] as const)('<%s> says so honestly, with Retry', async (tag, client) => {
    const { el } = await mount(`<${tag}></${tag}>`, tag, { client });
    expect(shadow(el).querySelector('[part~=error]')?.textContent).toMatch(/not available on this server yet/);
    expect(shadow(el).querySelector('[part~=retry]')).not.toBeNull();
    expect(await seriousViolations(el)).toEqual([]);
  });
});
