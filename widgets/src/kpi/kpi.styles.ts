import { css } from 'lit';

export const kpiStyles = css`
  :host { min-height: 8.5rem; }
  .card { display: grid; grid-template-rows: auto auto auto 1fr; min-height: 8.5rem; }
  .value { margin: 0; font-size: var(--rm-font-size-large, 1.75rem); font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
  .change { margin: 0.25rem 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; font-size: var(--_font-size-small); }
  .change .delta { font-weight: 600; display: inline-flex; align-items: center; gap: 0.2rem; }
  .neutral { color: var(--_text); }
  .trend { margin-top: 0.5rem; width: 100%; height: 2.25rem; align-self: end; color: var(--_chart); }
  .trend polyline { fill: none; stroke: currentColor; stroke-width: 1.5; vector-effect: non-scaling-stroke; }
  .skeleton { min-height: 6.5rem; }
  @container (max-width: 13rem) {
    .value { font-size: 1.35rem; }
    .trend { display: none; }
  }
`;
