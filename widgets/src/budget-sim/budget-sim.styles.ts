import { css } from 'lit';

export const budgetSimStyles = css`
  :host { min-height: 22rem; }
  .card { min-height: 22rem; display: grid; gap: 0.75rem; align-content: start; }
  .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.5rem 1rem; margin: 0; }
  .totals dt { color: var(--_text-muted); font-size: var(--_font-size-small); }
  .totals dd { margin: 0; font-size: 1.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .totals dd .band { display: block; font-size: var(--_font-size-small); font-weight: 400; color: var(--_text-muted); }
  .status { font-size: var(--_font-size-small); color: var(--_text-muted); min-height: 1.2em; margin: 0; }
  .rows { display: grid; gap: 0.9rem; margin: 0; padding: 0; list-style: none; }
  .row { display: grid; grid-template-columns: minmax(7rem, 10rem) 1fr minmax(8rem, 11rem); gap: 0.35rem 1rem; align-items: center; }
  .row .name { font-weight: 600; }
  .row .figures { font-size: var(--_font-size-small); text-align: end; font-variant-numeric: tabular-nums; }
  .row .figures strong { font-size: var(--_font-size); display: block; }
  .row .note { grid-column: 1 / -1; font-size: var(--_font-size-small); margin: -0.2rem 0 0; display: flex; align-items: center; gap: 0.3rem; }
  .slider { position: relative; height: 2rem; cursor: pointer; touch-action: none; border-radius: 6px; }
  .track { position: absolute; inset-inline: 0; top: 50%; height: 0.4rem; transform: translateY(-50%); background: var(--_surface-muted); border: 1px solid var(--_border); border-radius: 999px; }
  .fill { position: absolute; inset-block: 0; inset-inline-start: 0; background: var(--_accent); border-radius: 999px; }
  .current { position: absolute; top: 50%; width: 2px; height: 1.1rem; transform: translate(-1px, -50%); background: var(--_text-muted); }
  .thumb { position: absolute; top: 50%; width: 1.15rem; height: 1.15rem; transform: translate(-50%, -50%); background: var(--_surface); border: 2px solid var(--_accent); border-radius: 50%; box-shadow: var(--_shadow); }
  .slider:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .slider:focus-visible .thumb { box-shadow: 0 0 0 3px color-mix(in srgb, var(--_focus) 35%, transparent); }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .advice { margin: 0; font-size: var(--_font-size-small); }
  @container (max-width: 34rem) {
    .row { grid-template-columns: 1fr auto; }
    .row .slider { grid-column: 1 / -1; grid-row: 2; }
  }
`;
