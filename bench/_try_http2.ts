import { startServer } from '../tests/helpers/server.js';
const s = await startServer({ dataDir: 'data/sample' });
const h = s.auth('manager');
const time = async (name: string, f: () => Promise<Response>) => {
  for (let i = 0; i < 50; i++) await (await f()).arrayBuffer();
  const xs: number[] = [];
  for (let i = 0; i < 300; i++) { const t = performance.now(); await (await f()).arrayBuffer(); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b); console.log(name, xs[150]!.toFixed(2));
};
await time('healthz', () => fetch(s.url + '/api/healthz'));
await time('meta', () => fetch(s.url + '/api/meta', { headers: h }));
await time('thresholds', () => fetch(s.url + '/api/config/thresholds', { headers: h }));
await time('curves', () => fetch(s.url + '/api/response-curves', { headers: h }));
const body = JSON.stringify({ allocations: [{ channel: 'Email', spend: 9000 }] });
await time('simulate', () => fetch(s.url + '/api/budget-simulate', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body }));
await time('embed', () => fetch(s.url + '/api/auth/embed-token', { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: '{"role":"analyst"}' }));
await s.close();
