import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { getAbsence, recordAbsence, recordReport, removeAbsence } from './absence.ts';
import { AbsenceInput, AbsenceParams, AbsenceView, ReportInput } from './schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

/** A pupil's absence: the records, what the rules say, and the reports made to the leerplichtambtenaar. */
export const absenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/pupils/:id/absence', { config: pupilData, schema: { params: Id, response: { 200: AbsenceView } } }, (req) => getAbsence(staffContext(req), req.params.id));
  app.post('/api/pupils/:id/absence', { config: pupilData, schema: { params: Id, body: AbsenceInput, response: { 200: Created } } }, (req) =>
    recordAbsence(staffContext(req), req.params.id, req.body),
  );
  app.delete('/api/pupils/:id/absence/:absenceId', { config: pupilData, schema: { params: AbsenceParams, response: { 200: Created } } }, (req) =>
    removeAbsence(staffContext(req), req.params.id, req.params.absenceId),
  );
  app.post('/api/pupils/:id/absence/reports', { config: pupilData, schema: { params: Id, body: ReportInput, response: { 200: Created } } }, (req) =>
    recordReport(staffContext(req), req.params.id, req.body),
  );
};
