import { RmHealthTable } from './health-table.js';

export { RmHealthTable };
if (!customElements.get('rm-health-table')) customElements.define('rm-health-table', RmHealthTable);

declare global {
  interface HTMLElementTagNameMap {
    'rm-health-table': RmHealthTable;
  }
}
