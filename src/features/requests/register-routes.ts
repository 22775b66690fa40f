import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendCsv } from '../../platform/http/reply.ts';
import { Id } from '../../platform/http/schemas.ts';
import { today } from '../../platform/time.ts';
import { commitments, evaluateArrangement, listArrangements } from './arrangements.ts';
import {
  ArrangementPage, ArrangementQuery, Commitments, CommitmentsQuery, DuoExportQuery, EvaluationInput, EvaluationResult, ExtensionCreated, TlvPage, TlvQuery,
} from './register-schema.ts';
import { duoExport, requestExtension, tlvRegister } from './register.ts';
import { HEALTH_RETENTION_CRON, HEALTH_RETENTION_JOB, removeExpiredHealthAttachments } from './retention.ts';
import { forEachTenant } from '../../platform/tenant-lookups.ts';

const staff = { auth: 'staff' } as const;
const pupilData = { auth: 'staff', pupilData: true } as const;

/** The TLV register and its DUO export, extensions, arrangements and their evaluations, commitments, and the health-data retention job (docs/decisions/0008-requests.md). */
export const requestRegisterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(HEALTH_RETENTION_JOB, () => forEachTenant(app, removeExpiredHealthAttachments));
  app.jobs.schedule(HEALTH_RETENTION_JOB, HEALTH_RETENTION_CRON);

  app.get('/api/tlvs', { config: pupilData, schema: { querystring: TlvQuery, response: { 200: TlvPage } } }, (req) => tlvRegister(staffContext(req), req.query));
  app.get('/api/tlvs/duo-export.csv', { config: pupilData, schema: { querystring: DuoExportQuery } }, async (req, reply) => {
    return sendCsv(reply, `tlv-duo-${today()}.csv`, await duoExport(staffContext(req), req.query));
  });
  app.post('/api/tlvs/:id/extension', { config: pupilData, schema: { params: Id, response: { 200: ExtensionCreated } } }, (req) =>
    requestExtension(staffContext(req), req.params.id),
  );

  app.get('/api/arrangements', { config: pupilData, schema: { querystring: ArrangementQuery, response: { 200: ArrangementPage } } }, (req) =>
    listArrangements(staffContext(req), req.query),
  );
  app.post('/api/arrangements/:id/evaluations', { config: pupilData, schema: { params: Id, body: EvaluationInput, response: { 200: EvaluationResult } } }, (req) =>
    evaluateArrangement(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/arrangements/commitments', { config: staff, schema: { querystring: CommitmentsQuery, response: { 200: Commitments } } }, (req) =>
    commitments(staffContext(req), req.query.from, req.query.to),
  );
};
