import { ROUTES } from '@retailmind/sdk/contract';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/context.js';
import { reportAudience, viewAs } from '../auth/views.js';
import { validate } from '../http/validate.js';
import { reportMarkdown } from '../report/markdown.js';
import type { ReportService } from '../report/service.js';
import { resolveFilter } from '../services/filter.js';
import type { Store } from '../store/store.js';

export const reportRoutes = (store: Store, reports: ReportService) =>
  new Hono<AuthEnv>().get(ROUTES.report.path, validate('query', ROUTES.report.query), async (c) => {
    const query = c.req.valid('query');
    const { role } = c.get('auth');
    const audience = reportAudience(role, query.audience);
    const { from, to } = await resolveFilter(store, query);
    // The matrix admits every role to this route, so the view never answers null here.
    const report = viewAs('report', role, await reports.report({ from, to }, audience))!;
    if (query.format === 'markdown') return c.body(reportMarkdown(report), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    return c.json(report, 200);
  });
