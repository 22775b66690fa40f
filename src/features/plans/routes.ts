import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { addressId, Created, Id } from '../../platform/http/schemas.ts';
import { createOpp, evaluate, recordConsultation, recordPaperResponse, revise, saveDraft, send, upgrade } from './commands.ts';
import { factOptions, getOppPage, getVersion, pupilPlans } from './queries.ts';
import { ConsultationInput, CreateOppInput, EvaluationInput, FactOption, OppPage, OppVersion, PaperResponseInput, PupilPlans, SaveDraftInput, SendInput, UpgradeInput } from './schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;
const VersionParams = z.object({ id: addressId, number: z.coerce.number().int().min(1).max(1000) });
const Number_ = z.object({ number: z.number() });

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/pupils/:id/opps', { config: pupilData, schema: { params: Id, body: CreateOppInput, response: { 200: Created } } }, (req) =>
    createOpp(staffContext(req), req.params.id, req.body.kind),
  );
  app.get('/api/pupils/:id/opps', { config: pupilData, schema: { params: Id, response: { 200: PupilPlans } } }, (req) => pupilPlans(staffContext(req), req.params.id));
  app.get('/api/pupils/:id/opp-facts', { config: pupilData, schema: { params: Id, response: { 200: z.array(FactOption) } } }, (req) => factOptions(staffContext(req), req.params.id));

  app.get('/api/opps/:id', { config: pupilData, schema: { params: Id, response: { 200: OppPage } } }, (req) => getOppPage(staffContext(req), req.params.id));
  app.get('/api/opps/:id/versions/:number', { config: pupilData, schema: { params: VersionParams, response: { 200: OppVersion } } }, (req) =>
    getVersion(staffContext(req), req.params.id, req.params.number),
  );
  app.put('/api/opps/:id/draft', { config: pupilData, schema: { params: Id, body: SaveDraftInput, response: { 200: z.object({ revision: z.number() }) } } }, (req) =>
    saveDraft(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/opps/:id/revise', { config: pupilData, schema: { params: Id, response: { 200: Number_ } } }, (req) => revise(staffContext(req), req.params.id));
  app.post('/api/opps/:id/upgrade', { config: pupilData, schema: { params: Id, body: UpgradeInput, response: { 200: Number_ } } }, (req) =>
    upgrade(staffContext(req), req.params.id, req.body.revision),
  );
  app.post('/api/opps/:id/send', { config: pupilData, schema: { params: Id, body: SendInput, response: { 200: Created } } }, (req) => send(staffContext(req), req.params.id, req.body));
  app.post('/api/opps/:id/consultations', { config: pupilData, schema: { params: Id, body: ConsultationInput, response: { 200: Created } } }, (req) =>
    recordConsultation(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/opps/:id/responses', { config: pupilData, schema: { params: Id, body: PaperResponseInput, response: { 200: z.object({ status: z.string() }) } } }, (req) =>
    recordPaperResponse(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/opps/:id/evaluations', { config: pupilData, schema: { params: Id, body: EvaluationInput, response: { 200: z.object({ number: z.number(), closed: z.boolean() }) } } }, (req) =>
    evaluate(staffContext(req), req.params.id, req.body),
  );
};
