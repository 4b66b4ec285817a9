import { RmChannelChart } from './channel-chart.js';

export { RmChannelChart };
if (!customElements.get('rm-channel-chart')) customElements.define('rm-channel-chart', RmChannelChart);

declare global {
  interface HTMLElementTagNameMap {
    'rm-channel-chart': RmChannelChart;
  }
}
