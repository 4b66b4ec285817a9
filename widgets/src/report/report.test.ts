import { sample } from '@retailmind/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { RmAuthExpiredEvent, RmExportEvent } from '../events/events.js';
import { cleanup, mount, seriousViolations, shadow } from '../test/helpers.js';
import type { RmReport } from './report.js';

afterEach(cleanup);

describe('<rm-report>', () => {
  it('shows the narrative as text, its highlights in the locale, and asks for the role as audience', async () => {
    const { el, client } = await mount<RmReport>('<rm-report></rm-report>', 'rm-report', { client: { synthetic: true }, userRole: 'analyst' });
    const root = shadow(el);
    expect(root.querySelector('h2')?.textContent).toBe(sample.report.title);
    const paragraphs = [...root.querySelectorAll('[part=narrative] p')].map((p) => p.textContent);
    expect(paragraphs).toEqual(sample.report.narrative.split(/\n{2,}/));
    expect(root.querySelectorAll('[part=highlights] li').length).toBe(sample.report.highlights.length);
    expect(root.querySelector('[part=highlights]')?.textContent).toMatch(/\$/);
    expect(client!.fake.calls[0]!.query.get('audience')).toBe('analyst');
    expect(await seriousViolations(el)).toEqual([]);
  });

  it('fires a cancelable rm-export, then downloads unless the host takes it', async () => {
    const { el, host, client } = await mount<RmReport>('<rm-report></rm-report>', 'rm-report', { client: { synthetic: true } });
    const events: RmExportEvent[] = [];
    host.addEventListener('rm-export', (e) => {
      events.push(e);
      if (e.detail.format === 'pdf') e.preventDefault();
    });
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=export-pdf]')!);
    expect(events.map((e) => e.detail.format)).toEqual(['pdf']);
    expect(client!.fake.calls.some((c) => c.path === '/api/export')).toBe(false);
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=export-csv]')!);
    await new Promise((r) => setTimeout(r, 30));
    await el.updateComplete;
    expect(client!.fake.calls.find((c) => c.path === '/api/export')?.query.get('format')).toBe('csv');
    expect(shadow(el).querySelector('.export-status')?.textContent).toMatch(/CSV downloaded/);
  });

  it('fires rm-auth-expired when an export is refused for the session, keeping the report on screen', async () => {
    const { el, host, client } = await mount<RmReport>('<rm-report></rm-report>', 'rm-report', {
      client: { synthetic: true, scenario: { '/api/export': 'unauthorized' } },
    });
    const expired: RmAuthExpiredEvent[] = [];
    host.addEventListener('rm-auth-expired', (e) => expired.push(e));
    const narrative = shadow(el).querySelector('[part=narrative]')!.textContent;
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part=export-csv]')!);
    await new Promise((r) => setTimeout(r, 30));
    await el.updateComplete;
    expect(client!.fake.calls.some((c) => c.path === '/api/export')).toBe(true);
    expect(expired).toHaveLength(1);
    expect(expired[0]!.detail.error).toMatchObject({ status: 401, code: 'token_expired' });
    expect(shadow(el).querySelector('.export-status')?.textContent).toMatch(/session has ended/);
    expect(shadow(el).querySelector('[part=narrative]')?.textContent).toBe(narrative);
    expect(shadow(el).querySelector<HTMLButtonElement>('[part=export-pdf]')?.disabled).toBe(false);
  });

  it('offers no export to leadership', async () => {
    const { el } = await mount<RmReport>('<rm-report></rm-report>', 'rm-report', { client: { synthetic: true, role: 'leadership' }, userRole: 'leadership' });
    expect(shadow(el).querySelector('[part=narrative]')).not.toBeNull();
    expect(shadow(el).querySelector('[part=export-pdf]')).toBeNull();
  });
});
