import { startServer } from '../tests/helpers/server.js';
import { httpLatency } from './budget.js';
const s = await startServer({ dataDir: 'data/sample' });
await httpLatency(s.url, s.auth('manager'), (m, v) => console.log(m, v), 'sample');
await s.close();
