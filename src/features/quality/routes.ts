import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { carryOver, evaluatePlan, getPlan, listPlans, recordDiscussion, savePlan, startPlan, submitPlan } from './plans.ts';
import { DiscussionInput, EvaluationInput, PlanList, PlanListQuery, PlanView, RevisionInput, SavePlanInput, SpearheadsInput, SpearheadsView, StartPlanInput } from './schema.ts';
import { getSpearheads, saveSpearheads } from './spearheads.ts';
import { IndicatorQuery, IndicatorView } from './indicator-schema.ts';
import { getIndicators } from './indicators.ts';
import { renderRoundReport } from './round-report.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { RoundTableExportQuery, RoundTableInput, RoundTableList, RoundTableQuery, RoundTableView, SaveRoundTableInput } from './round-table-schema.ts';
import { createRoundTable, exportRoundTables, getRoundTable, listRoundTables, saveRoundTable } from './round-tables.ts';
import { sendExport } from '../../platform/list-export.ts';

const staff = { auth: 'staff' } as const;
const Ok = z.object({ ok: z.literal(true) });
const Revision = z.object({ revision: z.number() });

/** Quality of support: the partnership's spearheads, the schools' yearly action plans and the round tables. School-level data: no route here is `pupilData`. */
export const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/quality/spearheads', { config: staff, schema: { response: { 200: SpearheadsView } } }, (req) => getSpearheads(staffContext(req)));
  app.put('/api/quality/spearheads', { config: staff, schema: { body: SpearheadsInput, response: { 200: SpearheadsView } } }, (req) => saveSpearheads(staffContext(req), req.body));

  app.get('/api/quality/indicators', { config: staff, schema: { querystring: IndicatorQuery, response: { 200: IndicatorView } } }, (req) => getIndicators(staffContext(req), req.query));
  // A PDF costs the server more than a page: limited per address.
  app.get('/api/quality/plans/report.pdf', { config: { ...staff, rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { querystring: PlanListQuery } }, async (req, reply) => {
    const { pdf, schoolYear } = await renderRoundReport(staffContext(req), req.query);
    return sendPdf(reply, `voorjaarsronde-${schoolYear}.pdf`, pdf);
  });
  app.get('/api/quality/plans', { config: staff, schema: { querystring: PlanListQuery, response: { 200: PlanList } } }, (req) => listPlans(staffContext(req), req.query));
  app.post('/api/quality/plans', { config: staff, schema: { body: StartPlanInput, response: { 200: Created } } }, (req) => startPlan(staffContext(req), req.body));
  app.get('/api/quality/plans/:id', { config: staff, schema: { params: Id, response: { 200: PlanView } } }, (req) => getPlan(staffContext(req), req.params.id));
  app.put('/api/quality/plans/:id', { config: staff, schema: { params: Id, body: SavePlanInput, response: { 200: Revision } } }, (req) => savePlan(staffContext(req), req.params.id, req.body));
  app.post('/api/quality/plans/:id/carry-over', { config: staff, schema: { params: Id, body: RevisionInput, response: { 200: z.object({ revision: z.number(), added: z.number() }) } } }, (req) =>
    carryOver(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/quality/plans/:id/submit', { config: staff, schema: { params: Id, body: RevisionInput, response: { 200: z.object({ submittedAt: z.date() }) } } }, (req) =>
    submitPlan(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/quality/plans/:id/discussion', { config: staff, schema: { params: Id, body: DiscussionInput, response: { 200: Ok } } }, (req) =>
    recordDiscussion(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/quality/round-tables', { config: staff, schema: { querystring: RoundTableQuery, response: { 200: RoundTableList } } }, (req) => listRoundTables(staffContext(req), req.query));
  app.get('/api/quality/round-tables/export', { config: staff, schema: { querystring: RoundTableExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportRoundTables(staffContext(req), req.query)),
  );
  app.post('/api/quality/round-tables', { config: staff, schema: { body: RoundTableInput, response: { 200: Created } } }, (req) => createRoundTable(staffContext(req), req.body));
  app.get('/api/quality/round-tables/:id', { config: staff, schema: { params: Id, response: { 200: RoundTableView } } }, (req) => getRoundTable(staffContext(req), req.params.id));
  app.put('/api/quality/round-tables/:id', { config: staff, schema: { params: Id, body: SaveRoundTableInput, response: { 200: Revision } } }, (req) =>
    saveRoundTable(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/quality/plans/:id/evaluation', { config: staff, schema: { params: Id, body: EvaluationInput, response: { 200: Ok } } }, (req) =>
    evaluatePlan(staffContext(req), req.params.id, req.body),
  );
};
