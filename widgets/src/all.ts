/**
 * Every element, registered: the entry of the self-registering bundle (`dist/retailmind-widgets.js`)
 * and of `@retailmind/widgets/all`. Also exports the classes.
 */
import './provider/define.js';
import './kpi/define.js';
import './channel-chart/define.js';
import './health-table/define.js';
import './recommendations/define.js';
import './anomaly-banner/define.js';
import './budget-sim/define.js';
import './report/define.js';
export * from './index.js';
