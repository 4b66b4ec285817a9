import { RmReport } from './report.js';

export { RmReport };
if (!customElements.get('rm-report')) customElements.define('rm-report', RmReport);

declare global {
  interface HTMLElementTagNameMap {
    'rm-report': RmReport;
  }
}
