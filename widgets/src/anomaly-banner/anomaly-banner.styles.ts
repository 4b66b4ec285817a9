import { css } from 'lit';

export const anomalyBannerStyles = css`
  :host { min-height: 3.5rem; }
  :host([data-state='none']) { min-height: 0; }
  :host([data-state='none']) .wrap { display: none; }
  .banner {
    background: var(--_alert-surface); color: var(--_alert-text); border: 1px solid var(--_negative);
    border-inline-start-width: 0.35rem; border-radius: var(--_radius); padding: 0.75rem var(--_space);
  }
  .head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; justify-content: space-between; }
  .head p { margin: 0; display: flex; align-items: center; gap: 0.5rem; font-weight: 600; }
  .head .icon { width: 1.25rem; height: 1.25rem; }
  .banner button { background: transparent; color: inherit; border-color: currentColor; }
  ul { list-style: none; margin: 0.75rem 0 0; padding: 0; display: grid; gap: 0.6rem; }
  li { border-top: 1px solid color-mix(in srgb, currentColor 30%, transparent); padding-top: 0.6rem; font-size: var(--_font-size-small); }
  li strong { display: block; }
  .sev { font-weight: 700; text-transform: capitalize; }
  .quiet { padding: 0.75rem var(--_space); }
  .skeleton { min-height: 2.5rem; }
`;
