import { RmProvider } from './provider.js';

export { RmProvider };
if (!customElements.get('rm-provider')) customElements.define('rm-provider', RmProvider);

declare global {
  interface HTMLElementTagNameMap {
    'rm-provider': RmProvider;
  }
}
