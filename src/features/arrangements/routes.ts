import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Id } from '../../platform/http/schemas.ts';
import { evaluateArrangement } from './evaluate-arrangement.ts';
import { exportArrangements, listArrangements } from './list-arrangements.ts';
import { sendExport } from '../../platform/list-export.ts';
import { ArrangementExportQuery, ArrangementPage, ArrangementQuery, Commitments, CommitmentsQuery, EvaluationInput, EvaluationResult } from './schema.ts';
import { sumCommitments } from './sum-commitments.ts';

const staff = { auth: 'staff' } as const;
const pupilData = { auth: 'staff', pupilData: true } as const;

/** Granted arrangements and OPDC places, their evaluations, and the commitments per school (docs/decisions/0008-requests.md). */
export const arrangementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/arrangements', { config: pupilData, schema: { querystring: ArrangementQuery, response: { 200: ArrangementPage } } }, (req) =>
    listArrangements(staffContext(req), req.query),
  );
  app.get('/api/arrangements/export', { config: pupilData, schema: { querystring: ArrangementExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportArrangements(staffContext(req), req.query)),
  );
  app.post('/api/arrangements/:id/evaluations', { config: pupilData, schema: { params: Id, body: EvaluationInput, response: { 200: EvaluationResult } } }, (req) =>
    evaluateArrangement(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/arrangements/commitments', { config: staff, schema: { querystring: CommitmentsQuery, response: { 200: Commitments } } }, (req) =>
    sumCommitments(staffContext(req), req.query.from, req.query.to),
  );
};
