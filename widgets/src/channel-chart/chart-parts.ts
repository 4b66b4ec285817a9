/**
 * The only Chart.js parts `<rm-channel-chart>` uses. Imported lazily (a dynamic `import()`), so a
 * page without a chart never loads Chart.js. Registration is a call, not a module side effect, so
 * bundlers that trust `sideEffects` keep it.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

let registered = false;

/** Chart.js with the bar chart's parts registered. */
export function barChart(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale);
    registered = true;
  }
  return Chart;
}
