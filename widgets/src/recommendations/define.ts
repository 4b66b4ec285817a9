import { RmRecommendations } from './recommendations.js';

export { RmRecommendations };
if (!customElements.get('rm-recommendations')) customElements.define('rm-recommendations', RmRecommendations);

declare global {
  interface HTMLElementTagNameMap {
    'rm-recommendations': RmRecommendations;
  }
}
