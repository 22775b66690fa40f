import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendCsv } from '../../platform/http/reply.ts';
import { Id } from '../../platform/http/schemas.ts';
import { today } from '../../platform/time.ts';
import { duoExport } from './export-to-duo.ts';
import { exportRegister, tlvRegister } from './read-register.ts';
import { sendExport } from '../../platform/list-export.ts';
import { requestExtension } from './request-extension.ts';
import { DuoExportQuery, ExtensionCreated, TlvExportQuery, TlvPage, TlvQuery } from './schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

/** The TLV register, its DUO export and extensions (docs/decisions/0008-requests.md). */
export const tlvRegisterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/tlvs', { config: pupilData, schema: { querystring: TlvQuery, response: { 200: TlvPage } } }, (req) => tlvRegister(staffContext(req), req.query));
  app.get('/api/tlvs/export', { config: pupilData, schema: { querystring: TlvExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportRegister(staffContext(req), req.query)),
  );
  app.get('/api/tlvs/duo-export.csv', { config: pupilData, schema: { querystring: DuoExportQuery } }, async (req, reply) => {
    return sendCsv(reply, `tlv-duo-${today()}.csv`, await duoExport(staffContext(req), req.query));
  });
  app.post('/api/tlvs/:id/extension', { config: pupilData, schema: { params: Id, response: { 200: ExtensionCreated } } }, (req) =>
    requestExtension(staffContext(req), req.params.id),
  );
};
