import { css } from 'lit';

export const channelChartStyles = css`
  :host { min-height: 18rem; }
  .card { display: grid; grid-template-rows: auto 1fr; min-height: 18rem; }
  .head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; }
  .canvas-box { position: relative; height: var(--rm-chart-height, 14rem); min-height: 10rem; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; }
  .skeleton { height: var(--rm-chart-height, 14rem); align-content: space-around; }
  table { border-collapse: collapse; }
  @container (max-width: 24rem) {
    .canvas-box { height: var(--rm-chart-height, 12rem); }
  }
`;
