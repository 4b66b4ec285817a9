import { resolve, join } from 'node:path';
import { benchBudget } from './budget.js';
const ROOT = resolve(import.meta.dirname, '..');
await benchBudget(ROOT, join(ROOT, '.bench'), (m, v, t) => console.log(`| ${m} | ${v} | ${t ?? ''} |`));
