import { RmKpi } from './kpi.js';

export { RmKpi };
if (!customElements.get('rm-kpi')) customElements.define('rm-kpi', RmKpi);

declare global {
  interface HTMLElementTagNameMap {
    'rm-kpi': RmKpi;
  }
}
