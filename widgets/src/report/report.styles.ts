import { css } from 'lit';

export const reportStyles = css`
  :host { min-height: 16rem; }
  .card { min-height: 16rem; display: grid; gap: 0.75rem; align-content: start; }
  .head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1rem; align-items: start; }
  h2 { margin: 0; font-size: 1.15rem; line-height: 1.3; }
  .narrative p { margin: 0 0 0.6rem; max-width: 70ch; }
  ul.highlights { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.5rem; list-style: none; margin: 0; padding: 0; }
  ul.highlights li { border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.6); padding: 0.5rem 0.65rem; }
  ul.highlights strong { display: block; font-size: 1.1rem; font-variant-numeric: tabular-nums; }
  h3 { margin: 0.25rem 0; font-size: var(--_font-size-small); color: var(--_text-muted); }
  ol { margin: 0; padding-inline-start: 1.25rem; }
  .buttons { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  .warnings { border-inline-start: 3px solid var(--_warning); padding-inline-start: 0.6rem; }
  .export-status { margin: 0; min-height: 1.2em; font-size: var(--_font-size-small); }
`;
