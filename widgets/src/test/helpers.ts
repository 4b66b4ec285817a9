/**
 * Helpers of the element tests (vitest browser mode, real Chromium): mount an element, wait for it
 * to settle, run axe-core on it.
 */
import axe from 'axe-core';
import type { LitElement } from 'lit';
import { createFakeClient, type FakeClient, type FakeClientOptions } from '@retailmind/sdk/testing';
import '../all.js';

const mounted: HTMLElement[] = [];

/** Mounts `markup` in a fresh container (inside an `<rm-provider>` with `client` when given) and returns the first element matching `selector`. */
export async function mount<T extends HTMLElement>(
  markup: string,
  selector: string,
  options: { client?: FakeClient | FakeClientOptions; theme?: 'dark'; width?: number; userRole?: string; wait?: number } = {},
): Promise<{ el: T; client: FakeClient | undefined; host: HTMLElement }> {
  const host = document.createElement('main');
  if (options.width) host.style.width = `${options.width}px`;
  const client = options.client ? ('fake' in options.client ? options.client : createFakeClient(options.client as FakeClientOptions)) : undefined;
  if (client) {
    const provider = document.createElement('rm-provider');
    provider.client = client;
    provider.currency = 'USD';
    provider.locale = 'en-US';
    if (options.theme) provider.theme = options.theme;
    if (options.userRole) provider.setAttribute('user-role', options.userRole);
    provider.innerHTML = markup;
    host.append(provider);
  } else {
    host.innerHTML = markup;
  }
  document.body.append(host);
  mounted.push(host);
  const el = host.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector} in ${markup}`);
  await settle(el, options.wait);
  return { el, client, host };
}

/** Waits until the element has rendered and its data task has finished (or a timeout: pending states). */
export async function settle(el: HTMLElement, ms = 2000): Promise<void> {
  const lit = el as unknown as LitElement & { task?: { taskComplete: Promise<unknown> } };
  await lit.updateComplete;
  const deadline = new Promise((r) => setTimeout(r, ms));
  await Promise.race([lit.task?.taskComplete.catch(() => undefined), deadline]);
  await new Promise((r) => setTimeout(r, 0));
  await lit.updateComplete;
  // a second task started by the first (e.g. <rm-kpi>'s previous period)
  const second = (el as unknown as { previousTask?: { taskComplete: Promise<unknown> } }).previousTask;
  if (second) {
    await Promise.race([second.taskComplete.catch(() => undefined), new Promise((r) => setTimeout(r, ms))]);
    await lit.updateComplete;
  }
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** The element's shadow root, for queries. */
export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
}

/** axe-core on the element (its shadow DOM included); returns the serious and critical violations. */
export async function seriousViolations(el: Element): Promise<string[]> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}
