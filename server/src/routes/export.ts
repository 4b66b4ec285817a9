import { ROUTES } from '@retailmind/sdk/contract';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/context.js';
import { reportAudience, seesCampaigns, viewAs } from '../auth/views.js';
import { ApiError } from '../http/errors.js';
import { validate } from '../http/validate.js';
import { csvStream } from '../report/csv.js';
import { exportTable, type ExportContext } from '../report/export-views.js';
import { reportPdf } from '../report/pdf.js';
import type { ReportService } from '../report/service.js';
import type { DecisionEngine } from '../services/engine.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

const CAMPAIGN_LEVEL_VIEWS: ReadonlySet<string> = new Set(['campaigns', 'anomalies', 'recommendations']);

export const exportRoutes = (store: Store, engine: DecisionEngine, reports: ReportService) =>
  new Hono<AuthEnv>().get(ROUTES.export.path, validate('query', ROUTES.export.query), async (c) => {
    const query = c.req.valid('query');
    const { role } = c.get('auth');
    const { from, to } = await resolveFilter(store, query);
    const range = { from, to };
    const view = query.view ?? (query.format === 'pdf' ? 'report' : 'campaigns');
    const audience = reportAudience(role, query.audience);
    // An export made for the executive audience (to forward) carries no campaign-level table.
    if (!seesCampaigns(audience) && CAMPAIGN_LEVEL_VIEWS.has(view))
      throw new ApiError(400, 'invalid_query', `query parameter \`view\`: the ${audience} audience sees no campaigns; export \`report\` or \`channels\` for it`, {
        fields: [{ field: 'view', message: `not with audience=${audience}` }],
      });
    const report = async () => {
      const r = viewAs('report', role, await reports.report(range, audience));
      if (!r) throw new ApiError(403, 'forbidden', `the ${role} role may not read reports`);
      return r;
    };
    const ctx: ExportContext = { store, engine, range, report };
    const filename = `retailmind-${view}-${from}_${to}.${query.format}`;
    const headers = { 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' };

    if (query.format === 'csv') {
      const table = await exportTable(view, ctx);
      const body = csvStream(table.columns.map((col) => col.key), table.rows);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } });
    }
    const [r, table] = await Promise.all([report(), view === 'report' ? Promise.resolve(undefined) : exportTable(view, ctx)]);
    const pdf = reportPdf(r, { paper: query.paper, ...(table ? { table } : {}) });
    return new Response(pdf, { status: 200, headers: { ...headers, 'Content-Type': 'application/pdf' } });
  });
