import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendCsv } from '../../platform/http/reply.ts';
import { Created, Id, addressId } from '../../platform/http/schemas.ts';
import { today } from '../../platform/time.ts';
import { closeFile, getFile, listFiles, openFile, recordEntry, searchPupils, setMembers } from './files.ts';
import { exportLog } from './log.ts';
import { CloseInput, EntryInput, FileList, FileView, MembersInput, OpenInput, PupilSearch } from './schema.ts';

const staff = { auth: 'staff' } as const;

/**
 * The meldcode. Not marked as pupil data for the audit log on purpose: its
 * reads, writes and refusals go to its own trail (log.ts), so the audit log,
 * which the privacy officer and later parents read, never shows a file exists.
 */
export const meldcodeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/meldcode', { config: staff, schema: { response: { 200: FileList } } }, (req) => listFiles(staffContext(req)));
  app.get('/api/meldcode/pupils', { config: staff, schema: { querystring: PupilSearch.extend({ schoolId: addressId }) } }, (req) =>
    searchPupils(staffContext(req), req.query.schoolId, req.query.q),
  );
  app.post('/api/meldcode', { config: staff, schema: { body: OpenInput, response: { 200: Created } } }, (req) => openFile(staffContext(req), req.body.pupilId));
  app.get('/api/meldcode/:id', { config: staff, schema: { params: Id, response: { 200: FileView } } }, (req) => getFile(staffContext(req), req.params.id));
  app.post('/api/meldcode/:id/entries', { config: staff, schema: { params: Id, body: EntryInput, response: { 200: Created } } }, (req) =>
    recordEntry(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/meldcode/:id/members', { config: staff, schema: { params: Id, body: MembersInput } }, (req) => setMembers(staffContext(req), req.params.id, req.body));
  app.post('/api/meldcode/:id/close', { config: staff, schema: { params: Id, body: CloseInput } }, (req) => closeFile(staffContext(req), req.params.id, req.body));
  app.get('/api/meldcode-log.csv', { config: staff }, async (req, reply) => sendCsv(reply, `meldcode-logboek-${today()}.csv`, await exportLog(staffContext(req))));
};
