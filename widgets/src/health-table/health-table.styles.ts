import { css } from 'lit';

export const healthTableStyles = css`
  :host { min-height: 20rem; }
  .card { min-height: 20rem; display: grid; grid-template-rows: auto auto 1fr; gap: 0.5rem; }
  .filters { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0; padding: 0; border: 0; }
  .filters legend { float: left; margin-right: 0.5rem; font-size: var(--_font-size-small); color: var(--_text-muted); padding-top: 0.4rem; }
  .filters button[aria-pressed='true'] { background: var(--_accent); color: var(--_on-accent); border-color: var(--_accent); }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: var(--_font-size-small); font-variant-numeric: tabular-nums; }
  caption { text-align: start; }
  th, td { text-align: start; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
  td.num, th.num { text-align: end; }
  thead th { font-weight: 600; color: var(--_text-muted); white-space: nowrap; padding: 0.2rem 0.25rem; }
  thead th button { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.25rem; padding: 0.25rem; border-radius: 4px; }
  thead th button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; }
  thead th.num button { flex-direction: row-reverse; }
  .sort-icon { width: 0.8em; height: 0.8em; opacity: 0.8; }
  tbody th { font-weight: 600; }
  .reason { display: block; font-weight: 400; color: var(--_text-muted); margin-top: 0.15rem; }
  .badge.healthy { color: var(--_positive); }
  .badge.attention { color: var(--_warning); }
  .badge.critical { color: var(--_negative); }
  .skeleton .bone { min-height: 1.4rem; }
  @container (max-width: 40rem) {
    .col-segment, .col-trend, .col-pacing, .reason { display: none; }
  }
  @container (max-width: 28rem) {
    .col-channel, .col-conversion, .col-anomalies { display: none; }
  }
`;
