import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../../platform/http/context.ts';
import { Created, Id } from '../../../platform/http/schemas.ts';
import { AdjustRoundInput, AuditPlanInput, AuditView, DrawnPupilView, DrawRoundInput, GuideQuery, GuideView, ImprovementsInput, ReportInput, RoundQuery, RoundView } from '../audit-schema.ts';
import { getGuide } from './guide.ts';
import { adjustRound, drawAuditPupil, drawRound, getAudit, getRound, planAudit, readDrawnPupil, saveImprovements, saveReport } from './audits.ts';

const staff = { auth: 'staff' } as const;
const Ok = z.object({ ok: z.literal(true) });

/** Peer audits: the yearly rotation and each audit. Only the drawn pupil's dossier is pupil data. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/quality/guide', { config: staff, schema: { querystring: GuideQuery, response: { 200: GuideView } } }, (req) => getGuide(staffContext(req), req.query));
  app.get('/api/quality/audit-rounds', { config: staff, schema: { querystring: RoundQuery, response: { 200: RoundView } } }, (req) => getRound(staffContext(req), req.query));
  app.post('/api/quality/audit-rounds', { config: staff, schema: { body: DrawRoundInput, response: { 200: Created } } }, (req) => drawRound(staffContext(req), req.body));
  app.post('/api/quality/audit-rounds/:id/adjustments', { config: staff, schema: { params: Id, body: AdjustRoundInput, response: { 200: Ok } } }, (req) =>
    adjustRound(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/quality/audits/:id', { config: staff, schema: { params: Id, response: { 200: AuditView } } }, (req) => getAudit(staffContext(req), req.params.id));
  app.put('/api/quality/audits/:id/plan', { config: staff, schema: { params: Id, body: AuditPlanInput, response: { 200: Ok } } }, (req) => planAudit(staffContext(req), req.params.id, req.body));
  app.post('/api/quality/audits/:id/pupil-draw', { config: staff, schema: { params: Id, response: { 200: z.object({ drawn: z.boolean(), listSize: z.number() }) } } }, (req) =>
    drawAuditPupil(staffContext(req), req.params.id),
  );
  app.get('/api/quality/audits/:id/drawn-pupil', { config: { ...staff, pupilData: true }, schema: { params: Id, response: { 200: DrawnPupilView } } }, (req) =>
    readDrawnPupil(staffContext(req), req.params.id),
  );
  app.put('/api/quality/audits/:id/report', { config: staff, schema: { params: Id, body: ReportInput, response: { 200: Ok } } }, (req) => saveReport(staffContext(req), req.params.id, req.body));
  app.put('/api/quality/audits/:id/improvements', { config: staff, schema: { params: Id, body: ImprovementsInput, response: { 200: Ok } } }, (req) =>
    saveImprovements(staffContext(req), req.params.id, req.body),
  );
};
