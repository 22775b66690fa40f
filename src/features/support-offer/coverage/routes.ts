import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../../platform/http/context.ts';
import { sendPdf } from '../../../platform/http/reply.ts';
import { getCases } from './cases.ts';
import { getCoverage, getTrend } from './gap-map.ts';
import { renderCoverageReport } from './report.ts';
import { CasesQuery, CoverageCases, CoverageMap, CoverageQuery, CoverageTrend, TrendQuery } from '../coverage-schema.ts';

const staff = { auth: 'staff' } as const;

/**
 * The dekkend aanbod for the partnership's director and consultants: the gap
 * map (numbers only, small cells as "< 5"), its trend and its report, and
 * the cases behind a cell (pupil data: audited, refused reads too).
 */
export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/support-offer/coverage', { config: staff, schema: { querystring: CoverageQuery, response: { 200: CoverageMap } } }, (req) => getCoverage(staffContext(req), req.query));
  app.get('/api/support-offer/coverage/trend', { config: staff, schema: { querystring: TrendQuery, response: { 200: CoverageTrend } } }, (req) => getTrend(staffContext(req), req.query));
  app.get('/api/support-offer/coverage/cases', { config: { ...staff, pupilData: true }, schema: { querystring: CasesQuery, response: { 200: CoverageCases } } }, (req) =>
    getCases(staffContext(req), req.query),
  );
  // A PDF costs the server more than a page: limited per address.
  app.get('/api/support-offer/coverage/report.pdf', { config: { ...staff, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { querystring: CoverageQuery } }, async (req, reply) => {
    const ctx = staffContext(req);
    const map = await getCoverage(ctx, req.query);
    const [p] = await ctx.sql<{ name: string }[]>`select name from partnerships where id = ${ctx.scope.partnershipId}`;
    const pdf = await renderCoverageReport(map, p!.name);
    return sendPdf(reply, `dekkend-aanbod-${map.schoolYear}${map.area ? `-${map.area.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : ''}.pdf`, pdf);
  });
};
