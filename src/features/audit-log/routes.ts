import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendCsv } from '../../platform/http/reply.ts';
import { today } from '../../platform/time.ts';
import { exportAuditLog, findPupils, readAuditLog } from './queries.ts';
import { AuditPage, AuditQuery, PupilHits, PupilSearch } from './schema.ts';

export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit-log', { config: { auth: 'staff' }, schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, (req) =>
    readAuditLog(staffContext(req), req.query),
  );
  app.get('/api/audit-log.csv', { config: { auth: 'staff' }, schema: { querystring: AuditQuery } }, async (req, reply) => {
    return sendCsv(reply, `auditlog-${today()}.csv`, await exportAuditLog(staffContext(req), req.query));
  });
  app.get('/api/audit-log/pupils', { config: { auth: 'staff', pupilData: true }, schema: { querystring: PupilSearch, response: { 200: PupilHits } } }, (req) =>
    findPupils(staffContext(req), req.query),
  );
};
