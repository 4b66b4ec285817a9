import { RmAnomalyBanner } from './anomaly-banner.js';

export { RmAnomalyBanner };
if (!customElements.get('rm-anomaly-banner')) customElements.define('rm-anomaly-banner', RmAnomalyBanner);

declare global {
  interface HTMLElementTagNameMap {
    'rm-anomaly-banner': RmAnomalyBanner;
  }
}
