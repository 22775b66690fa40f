import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendDownload } from '../../platform/http/reply.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { classScan, myClasses } from './class-scan.ts';
import { addAdvice, addLogbookEntry, addNeed, endItem, raiseSignal, recordKwadrant, setCaseManager, setSupportLevel } from './commands.ts';
import { grantDocumentAccess, revokeDocumentAccess } from './document-access.ts';
import { deleteDocument, downloadDocument, MAX_DOCUMENT_BYTES, uploadDocument } from './documents.ts';
import { caseManagerCandidates, getPupilPage, listPupils } from './queries.ts';
import {
  AdviceInput,
  CaseManagerInput,
  ClassScan,
  DeleteReasonInput,
  DocumentAccessInput,
  DocumentAccessParams,
  KwadrantInput,
  LogbookInput,
  MyClass,
  NeedInput,
  PupilList,
  PupilPage,
  PupilQuery,
  Signal,
  SignalInput,
  SubIdParams,
  SupportLevelInput,
} from './schema.ts';
import { closeSignal, listSignals } from './signals.ts';
import { getContacts, saveContacts } from './contacts.ts';
import { Contacts, ContactsInput } from './contacts-schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;
const ok = { 200: Created };

export const pupilRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/pupils', { config: pupilData, schema: { querystring: PupilQuery, response: { 200: PupilList } } }, (req) => listPupils(staffContext(req), req.query));
  app.get('/api/pupils/:id', { config: pupilData, schema: { params: Id, response: { 200: PupilPage } } }, (req) => getPupilPage(staffContext(req), req.params.id));
  app.get('/api/pupils/:id/case-manager-candidates', { config: { auth: 'staff' }, schema: { params: Id, response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) } } }, (req) =>
    caseManagerCandidates(staffContext(req), req.params.id),
  );

  app.post('/api/pupils/:id/logbook', { config: pupilData, schema: { params: Id, body: LogbookInput, response: ok } }, (req) => addLogbookEntry(staffContext(req), req.params.id, req.body));
  app.post('/api/pupils/:id/signals', { config: pupilData, schema: { params: Id, body: SignalInput, response: ok } }, (req) => raiseSignal(staffContext(req), req.params.id, req.body));
  app.post('/api/pupils/:id/kwadrant', { config: pupilData, schema: { params: Id, body: KwadrantInput, response: ok } }, (req) => recordKwadrant(staffContext(req), req.params.id, req.body));
  app.put('/api/pupils/:id/support-level', { config: pupilData, schema: { params: Id, body: SupportLevelInput, response: ok } }, (req) => setSupportLevel(staffContext(req), req.params.id, req.body));
  app.put('/api/pupils/:id/case-manager', { config: pupilData, schema: { params: Id, body: CaseManagerInput, response: ok } }, (req) => setCaseManager(staffContext(req), req.params.id, req.body));
  app.get('/api/pupils/:id/contacts', { config: pupilData, schema: { params: Id, response: { 200: Contacts } } }, (req) => getContacts(staffContext(req), req.params.id));
  app.put('/api/pupils/:id/contacts', { config: pupilData, schema: { params: Id, body: ContactsInput, response: ok } }, (req) => saveContacts(staffContext(req), req.params.id, req.body));
  app.post('/api/pupils/:id/needs', { config: pupilData, schema: { params: Id, body: NeedInput, response: ok } }, (req) => addNeed(staffContext(req), req.params.id, req.body));
  app.post('/api/pupils/:id/needs/:itemId/end', { config: pupilData, schema: { params: SubIdParams, response: ok } }, (req) =>
    endItem(staffContext(req), req.params.id, 'pupil_needs', req.params.itemId),
  );
  app.post('/api/pupils/:id/advices', { config: pupilData, schema: { params: Id, body: AdviceInput, response: ok } }, (req) => addAdvice(staffContext(req), req.params.id, req.body));
  app.post('/api/pupils/:id/advices/:itemId/end', { config: pupilData, schema: { params: SubIdParams, response: ok } }, (req) =>
    endItem(staffContext(req), req.params.id, 'handelingsadviezen', req.params.itemId),
  );

  app.post('/api/pupils/:id/documents', { config: pupilData, schema: { params: Id, response: ok } }, async (req) =>
    uploadDocument(staffContext(req), app.storage, req.params.id, await req.file({ limits: { fileSize: MAX_DOCUMENT_BYTES } })),
  );
  app.get('/api/documents/:id/download', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const doc = await downloadDocument(staffContext(req), app.storage, req.params.id);
    return sendDownload(reply, doc);
  });
  app.post('/api/documents/:id/access', { config: pupilData, schema: { params: Id, body: DocumentAccessInput, response: ok } }, (req) =>
    grantDocumentAccess(staffContext(req), req.params.id, req.body),
  );
  app.delete('/api/documents/:id/access/:userId', { config: pupilData, schema: { params: DocumentAccessParams, response: ok } }, (req) =>
    revokeDocumentAccess(staffContext(req), req.params.id, req.params.userId),
  );
  app.post('/api/documents/:id/delete', { config: pupilData, schema: { params: Id, body: DeleteReasonInput, response: ok } }, (req) =>
    deleteDocument(staffContext(req), app.storage, req.params.id, req.body.reason),
  );

  app.get('/api/schools/:id/signals', { config: pupilData, schema: { params: Id, querystring: z.object({ status: z.enum(['open', 'on_agenda', 'closed', 'all']).default('open') }), response: { 200: z.array(Signal) } } }, (req) =>
    listSignals(staffContext(req), req.params.id, req.query.status),
  );
  app.post('/api/signals/:id/close', { config: pupilData, schema: { params: Id, response: ok } }, (req) => closeSignal(staffContext(req), req.params.id));

  app.get('/api/my/classes', { config: { auth: 'staff' }, schema: { response: { 200: z.array(MyClass) } } }, (req) => myClasses(staffContext(req)));
  app.get('/api/classes/:id/scan', { config: pupilData, schema: { params: Id, response: { 200: ClassScan } } }, (req) => classScan(staffContext(req), req.params.id));
};
