import { css } from 'lit';

export const recommendationsStyles = css`
  :host { min-height: 16rem; }
  .card { min-height: 16rem; }
  ul.list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); }
  article { border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 0.8); padding: 0.75rem; display: grid; gap: 0.45rem; height: 100%; align-content: start; }
  article h3 { margin: 0; font-size: var(--_font-size); line-height: 1.3; }
  article p { margin: 0; }
  .meta { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  .badge.pause { color: var(--_negative); }
  .badge.alert { color: var(--_warning); }
  .badge.scale { color: var(--_positive); }
  .badge.monitor { color: var(--_accent); }
  .reason { margin: 0; font-size: var(--_font-size-small); }
  dl { margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr)); gap: 0.35rem 0.75rem; font-size: var(--_font-size-small); }
  dt { color: var(--_text-muted); }
  dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
  details { font-size: var(--_font-size-small); }
  summary { cursor: pointer; color: var(--_text-muted); }
  .actions { display: flex; justify-content: flex-end; margin-top: 0.25rem; }
  .more { margin-top: 0.75rem; }
`;
