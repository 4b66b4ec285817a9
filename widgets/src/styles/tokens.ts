import { css, unsafeCSS } from 'lit';

/**
 * The theme: every colour, font and radius is a `--rm-*` custom property, so a page themes the
 * elements from outside (custom properties inherit through shadow DOM). The values below are the
 * defaults; `theme="dark"` on an element or on `<rm-provider>` switches to the dark set, and
 * `theme="auto"` follows `prefers-color-scheme`. Every pair of text and background colours meets
 * WCAG AA contrast in both sets.
 */
const light = {
  '--rm-color-surface': '#ffffff',
  '--rm-color-surface-muted': '#f3f4f6',
  '--rm-color-text': '#111827',
  '--rm-color-text-muted': '#4b5563',
  '--rm-color-border': '#d1d5db',
  '--rm-color-accent': '#1d4ed8',
  '--rm-color-on-accent': '#ffffff',
  '--rm-color-positive': '#047857',
  '--rm-color-negative': '#b91c1c',
  '--rm-color-warning': '#92400e',
  '--rm-color-alert-surface': '#fef2f2',
  '--rm-color-alert-text': '#7f1d1d',
  '--rm-color-focus': '#2563eb',
  '--rm-color-chart': '#2563eb',
  '--rm-color-chart-negative': '#dc2626',
};

const dark: typeof light = {
  '--rm-color-surface': '#111827',
  '--rm-color-surface-muted': '#1f2937',
  '--rm-color-text': '#f9fafb',
  '--rm-color-text-muted': '#cbd5e1',
  '--rm-color-border': '#4b5563',
  '--rm-color-accent': '#93c5fd',
  '--rm-color-on-accent': '#0b1220',
  '--rm-color-positive': '#6ee7b7',
  '--rm-color-negative': '#fca5a5',
  '--rm-color-warning': '#fcd34d',
  '--rm-color-alert-surface': '#3f0d0d',
  '--rm-color-alert-text': '#fecaca',
  '--rm-color-focus': '#93c5fd',
  '--rm-color-chart': '#60a5fa',
  '--rm-color-chart-negative': '#f87171',
};

const declarations = (set: Record<string, string>) => unsafeCSS(Object.entries(set).map(([k, v]) => `${k}: ${v};`).join(' '));
const internal = (set: Record<string, string>) =>
  unsafeCSS(Object.entries(set).map(([k, v]) => `--_${k.slice('--rm-color-'.length)}: var(${k}, ${v});`).join(' '));

/** Names and light defaults of the colour custom properties (for docs and tests). */
export const COLOR_PROPERTIES = light;

/**
 * `theme="dark"`/`"auto"` set the `--rm-color-*` properties themselves on the host, so they reach
 * slotted descendants of `<rm-provider>` too; a page's own values on the element still win.
 */
export const themeStyles = css`
  :host([theme='dark']) { ${declarations(dark)} color-scheme: dark; }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) { ${declarations(dark)} color-scheme: dark; }
  }
`;

/** Base styles every element shares: tokens, host font inherited, focus ring, skeleton, states. */
export const baseStyles = css`
  :host {
    ${internal(light)}
    --_radius: var(--rm-radius, 10px);
    --_space: var(--rm-space, 1rem);
    --_font: var(--rm-font-family, inherit);
    --_font-size: var(--rm-font-size, 1rem);
    --_font-size-small: var(--rm-font-size-small, 0.8125rem);
    --_shadow: var(--rm-shadow, 0 1px 2px rgb(0 0 0 / 0.06));
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.4;
    color: var(--_text);
  }
  :host([hidden]), [hidden] { display: none !important; }
  *, *::before, *::after { box-sizing: inherit; }
  .card {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    padding: var(--_space);
    height: 100%;
  }
  .title { margin: 0 0 0.5rem; font-size: var(--_font-size-small); font-weight: 600; color: var(--_text-muted); letter-spacing: 0.01em; }
  .muted { color: var(--_text-muted); font-size: var(--_font-size-small); }
  .sr-only {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  button {
    font: inherit; font-size: var(--_font-size-small); cursor: pointer;
    border-radius: calc(var(--_radius) * 0.6); border: 1px solid var(--_border);
    background: var(--_surface); color: var(--_text); padding: 0.35rem 0.75rem; min-height: 2rem;
  }
  button.primary { background: var(--_accent); color: var(--_on-accent); border-color: var(--_accent); }
  button:disabled { cursor: not-allowed; opacity: 0.6; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .skeleton { display: grid; gap: 0.6rem; }
  .bone {
    border-radius: 6px; background: var(--_surface-muted); min-height: 0.9rem;
    animation: rm-pulse 1.4s ease-in-out infinite;
  }
  @keyframes rm-pulse { 50% { opacity: 0.55; } }
  @media (prefers-reduced-motion: reduce) { .bone { animation: none; } }
  .state { display: grid; gap: 0.5rem; justify-items: start; align-content: center; min-height: inherit; }
  .state p { margin: 0; }
  .state .icon { font-size: 1.25rem; line-height: 1; }
  .state.error .message { color: var(--_negative); }
  .badge {
    display: inline-flex; align-items: center; gap: 0.3em; white-space: nowrap;
    padding: 0.1em 0.55em; border-radius: 999px; border: 1px solid currentColor;
    font-size: var(--_font-size-small); font-weight: 600; background: var(--_surface);
  }
  .positive { color: var(--_positive); }
  .negative { color: var(--_negative); }
  .warning { color: var(--_warning); }
  svg.icon { width: 1em; height: 1em; flex: none; }
`;
