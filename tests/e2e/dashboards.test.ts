/**
 * End to end, in Debian's Chromium through playwright-core, against a real server (API, live
 * layer, the built demo site and widget bundle) on a temporary database: sign-in and the role
 * dashboards, Leadership's network traffic, the budget simulator from the keyboard, live KPIs,
 * exports, axe-core, and screenshots at 1440 px and 390 px (test-results/e2e/, not committed).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageErrors, settle, startE2E, widgetTags, type E2E, type Role } from './harness.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ARTIFACTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

const KPI_METRICS: Record<Role, string[]> = {
  manager: ['revenue', 'roi', 'conversionRate', 'budgetUtilizationPct', 'revenueGrowthPct', 'anomalyCount'],
  analyst: ['revenue', 'spend', 'roi', 'roas', 'conversionRate', 'ctr', 'cpa', 'anomalyCount'],
  leadership: ['revenue', 'roi', 'revenueGrowthPct', 'spend', 'roas', 'budgetUtilizationPct'],
};
const kpis = (role: Role) => KPI_METRICS[role].map(() => 'rm-kpi');
const EXPECTED: Record<Role, string[]> = {
  manager: [...kpis('manager'), 'rm-anomaly-banner', 'rm-budget-sim', 'rm-channel-chart', 'rm-channel-chart', 'rm-health-table', 'rm-recommendations', 'rm-report'].sort(),
  analyst: [...kpis('analyst'), 'rm-anomaly-banner', 'rm-channel-chart', 'rm-channel-chart', 'rm-health-table', 'rm-report'].sort(),
  leadership: [...kpis('leadership'), 'rm-channel-chart', 'rm-channel-chart', 'rm-report'].sort(),
};

let e2e: E2E;
beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  e2e = await startE2E();
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

/** axe-core on the whole page (it reads open shadow roots); the serious and critical violations. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5) }));
}

function kpiValue(page: Page, metric: string) {
  return page.locator(`rm-kpi[metric="${metric}"]`).locator('[part~="value"]').textContent();
}

describe.each(['manager', 'analyst', 'leadership'] as const)('the %s dashboard', (role) => {
  it('signs in, shows exactly its widgets without console errors, passes axe, and is screenshotted at 1440 and 390 px', async () => {
    for (const width of [1440, 390]) {
      const context = await e2e.context(width);
      const page = await context.newPage();
      const errors = pageErrors(page);
      await e2e.signIn(page, role);

      expect(await widgetTags(page)).toEqual(EXPECTED[role]);
      const metrics = await page.locator('rm-kpi').evaluateAll((els) => els.map((el) => el.getAttribute('metric')));
      expect(metrics).toEqual(KPI_METRICS[role]);
      // Every widget loaded: none shows an error or a "not for your role" state (the budget simulator's
      // "not on this server yet" is checked on its own below).
      const failed = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((el) => el.tagName.startsWith('RM-') && el.tagName !== 'RM-BUDGET-SIM')
          .filter((el) => el.shadowRoot?.querySelector('[part~="error"], [part~="forbidden"]'))
          .map((el) => el.tagName.toLowerCase()),
      );
      expect(failed).toEqual([]);
      await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
      expect(await page.locator('[data-testid="role"]').textContent()).toBe(role);

      if (width === 1440) expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}${role}-${width}.png`, fullPage: true });
      // Nothing wider than the viewport: the page must not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('the dashboards in use', () => {
  it('dark mode passes axe on the manager dashboard, and sign out returns to sign-in', async () => {
    const context = await e2e.context(1440);
    const page = await context.newPage();
    await e2e.signIn(page, 'manager');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    expect(await page.locator('rm-provider').getAttribute('theme')).toBe('dark');
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}manager-dark-1440.png`, fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('button.account').first().waitFor();
    expect(await page.locator('rm-provider').count()).toBe(0);
    await context.close();
  });

  it('a Leadership session never receives campaign-level data (every API answer and live frame)', async () => {
    const campaigns = (await readFile(fileURLToPath(new URL('../../data/sample/campaigns.csv', import.meta.url)), 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .flatMap(([id, name]) => [id!, name!]);
    const context = await e2e.context(1440);
    const page = await context.newPage();
    const answers: { path: string; status: number; body: string }[] = [];
    const bodies: Promise<void>[] = [];
    // Live packets come over HTTP long-polling until socket.io upgrades the connection to a
    // websocket, then as websocket frames: both are read.
    const frames: string[] = [];
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.startsWith('/api/')) bodies.push(res.text().then((body) => void answers.push({ path, status: res.status(), body })).catch(() => undefined));
      if (path.startsWith('/socket.io/')) bodies.push(res.text().then((body) => void frames.push(body)).catch(() => undefined));
    });
    page.on('websocket', (ws) => ws.on('framereceived', (f) => void frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
    await e2e.signIn(page, 'leadership');
    // Once the page's live connection is in (socket.io's connect acknowledgement, sent after the
    // server put it in its room), a live update: the live frames are checked too. Ingesting before
    // it is in would send the change as the snapshot the client fetches, not as a frame.
    await expect.poll(() => frames.some((f) => /(^|\x1e)40/.test(f)), { timeout: 10_000 }).toBe(true);
    const res = await fetch(`${e2e.url}/api/ingest/customer_daily`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await e2e.token('manager')}`, 'Content-Type': 'text/csv' },
      body: 'date,segment,channel,customers,repeat_customers,orders,items\n2026-10-31,Returning,Email,10,5,10,20\n',
    });
    expect(res.status).toBe(200);
    await expect.poll(() => frames.some((f) => f.includes('"summary"')), { timeout: 10_000 }).toBe(true);
    await Promise.all(bodies);

    const paths = new Set(answers.map((a) => a.path));
    expect([...paths].filter((p) => /anomalies|recommendations|campaign-health|export|model|thresholds/.test(p))).toEqual([]);
    expect(answers.filter((a) => a.status >= 400)).toEqual([]);
    expect(paths.has('/api/dashboard-summary')).toBe(true);
    expect(paths.has('/api/report')).toBe(true);
    const everything = [...answers.map((a) => a.body), ...frames].join('\n');
    expect(everything.match(/"campaign(Id|Name|_id|_name)"/g) ?? []).toEqual([]);
    expect(campaigns.filter((c) => everything.includes(c))).toEqual([]);
    await context.close();
  });

  it('the manager moves a budget slider from the keyboard (or is told honestly that the budget routes are not here)', async () => {
    const openapi = (await (await fetch(`${e2e.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const budgetRoutes = Object.keys(openapi.paths).some((p) => p.includes('budget-simulate'));
    const context = await e2e.context(1440);
    const page = await context.newPage();
    await e2e.signIn(page, 'manager');
    const sim = page.locator('rm-budget-sim');
    if (!budgetRoutes) {
      await expect.poll(() => sim.locator('[part~="error"]').textContent()).toMatch(/not available on this server yet/i);
      expect(await sim.locator('[role="slider"]').count()).toBe(0);
    } else {
      const slider = sim.locator('[role="slider"]').first();
      const totals = sim.locator('[part~="totals"]');
      const before = { value: await slider.getAttribute('aria-valuenow'), totals: await totals.textContent() };
      await slider.focus();
      await page.keyboard.press('PageUp');
      // The projection follows at once (interpolated in the browser) …
      expect(await slider.getAttribute('aria-valuenow')).not.toBe(before.value);
      expect(await totals.textContent()).not.toBe(before.totals);
      // … and the engine's confirmation arrives.
      await expect.poll(() => sim.locator('[role="status"]').first().textContent(), { timeout: 10_000 }).toMatch(/confirmed/i);
      const optimized = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('rm-scenario-change', (e) => resolve((e as CustomEvent<{ cause: string }>).detail.cause), { once: true })));
      await sim.locator('[part~="optimize"]').click();
      expect(await optimized).toBe('optimize');
    }
    await context.close();
  });

  it('data ingested through the API appears in the open dashboard’s KPIs without a reload', async () => {
    const context = await e2e.context(1440);
    const page = await context.newPage();
    await e2e.signIn(page, 'manager');
    await expect.poll(() => page.locator('#live').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    const before = await kpiValue(page, 'revenue');
    await page.evaluate(() => ((window as unknown as { loaded: boolean }).loaded = true));
    const res = await fetch(`${e2e.url}/api/ingest/sales_daily`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await e2e.token('manager')}`, 'Content-Type': 'text/csv' },
      body: 'date,campaign_id,product,transactions,revenue\n2026-10-31,C0001,E2E Gift Card,500,250000.00\n',
    });
    expect(((await res.json()) as { rowsStored: number }).rowsStored).toBe(1);
    await expect.poll(() => kpiValue(page, 'revenue'), { timeout: 10_000 }).not.toBe(before);
    // The same page: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { loaded?: boolean }).loaded)).toBe(true);
    await context.close();
  });

  it('the analyst exports CSV and PDF', async () => {
    const context = await e2e.context(1440);
    const page = await context.newPage();
    await e2e.signIn(page, 'analyst');
    await page.locator('#export-view').selectOption('campaigns');
    const report = page.locator('rm-report');
    for (const [format, type, magic] of [
      ['csv', 'text/csv', '\uFEFF'],
      ['pdf', 'application/pdf', '%PDF'],
    ] as const) {
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/export');
      const download = page.waitForEvent('download');
      await report.locator(`[part~="export-${format}"]`).click();
      const res = await answer;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      expect(new URL(res.url()).searchParams.get('view')).toBe('campaigns');
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      const bytes = await readFile((await file.path())!);
      expect(bytes.length).toBeGreaterThan(100);
      expect(bytes.subarray(0, 4).toString('utf8').startsWith(magic)).toBe(true);
      if (format === 'csv') expect(bytes.toString('utf8')).toContain('campaign');
    }
    await context.close();
  });

  it('embed.html: a mock intranet page loads the bundle with one script tag, themes it, hears rm-action, and passes axe', async () => {
    for (const width of [1440, 390]) {
      const context = await e2e.context(width);
      const page = await context.newPage();
      const errors = pageErrors(page);
      const bundle = page.waitForResponse((r) => r.url().endsWith('/widgets/retailmind-widgets.js'));
      await page.goto(`${e2e.url}/embed.html`);
      const res = await bundle;
      expect(res.headers()['cross-origin-resource-policy']).toBe('cross-origin');
      expect(await page.locator('script[src]').count()).toBe(1);
      await settle(page);
      // The portal's brand reaches inside the shadow roots through --rm-* custom properties.
      const accent = await page.locator('rm-recommendations').evaluate((el) => getComputedStyle(el).getPropertyValue('--rm-color-accent').trim());
      expect(accent).toBe('#0f5132');
      if (width === 1440) {
        expect(await seriousViolations(page)).toEqual([]);
        await page.locator('rm-recommendations').locator('[part~="action"]').first().click();
        await expect.poll(() => page.locator('#tasks li').first().textContent()).toMatch(/^(pause|scale|monitor|alert): /);
      }
      await page.screenshot({ path: `${ARTIFACTS}embed-${width}.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
