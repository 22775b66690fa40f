import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendDownload, sendPdf } from '../../platform/http/reply.ts';
import { addressId, Created, Id } from '../../platform/http/schemas.ts';
import { attachItem } from './compose/attach-item.ts';
import { createRequest } from './compose/create-request.ts';
import { detachItem } from './compose/detach-item.ts';
import { saveRequest } from './compose/save-request.ts';
import { submitRequest } from './compose/submit-request.ts';
import { withdrawRequest } from './compose/withdraw-request.ts';
import { askConsent } from './consent/ask-consent.ts';
import { recordPaperConsent } from './consent/record-paper-consent.ts';
import { decide } from './decision/decide.ts';
import { recordObjectionOutcome } from './decision/record-objection-outcome.ts';
import { registerObjection } from './decision/register-objection.ts';
import { loadRequestSummary, renderSummaryPdf, summaryFilename } from './pdf/commission-summary.ts';
import { letterFilename, loadDecisionLetter, renderLetterPdf } from './pdf/decision-letter.ts';
import { downloadAttachment } from './read/download-attachment.ts';
import { listDossierItems } from './read/list-dossier-items.ts';
import { listOfferedArrangementKinds } from './read/list-offered-arrangement-kinds.ts';
import { exportQueue, listQueue } from './read/list-queue.ts';
import { sendExport } from '../../platform/list-export.ts';
import { listRequestStaff } from './read/list-request-staff.ts';
import { readRequest } from './read/read-request.ts';
import { advise } from './review/advise.ts';
import { answerConsultation } from './review/answer-consultation.ts';
import { assignExperts } from './review/assign-experts.ts';
import { sendToDecision } from './review/send-to-decision.ts';
import { takeRequest } from './review/take-request.ts';
import { allArrangementKinds, createArrangementKind, getRequestSettings, saveRequestSettings, updateArrangementKind } from './settings/configure-requests.ts';
import { answerAddition } from './thread/answer-addition.ts';
import { postMessage } from './thread/post-message.ts';
import { sendSupplement } from './thread/send-supplement.ts';
import {
  AdviceInput,
  AnswerConsultationInput,
  AnswerInput,
  ArrangementKind,
  ArrangementKindInput,
  ArrangementKindOffer,
  AttachInput,
  CreateRequestInput,
  DecisionInput,
  disciplines,
  DossierItem,
  ExpertsInput,
  MessageInput,
  ObjectionInput,
  ObjectionOutcomeInput,
  Queue,
  QueueExportQuery,
  QueueQuery,
  RequestPage,
  RequestSettings,
  SaveRequestInput,
  SubmitInput,
  SupplementInput,
  TakeInput,
  ToDecisionInput,
  WithdrawInput,
} from './schema.ts';
import { ConsentLinksInput, ConsentLinksSent, PaperConsentInput } from './consent-schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;
const Ok = z.object({ ok: z.literal(true) });
const Status = z.object({ status: z.string() });
const Ref = z.object({ id: z.string(), name: z.string() });
const AttachmentParams = z.object({ id: addressId, attachmentId: addressId });

/**
 * A request's routes for staff (docs/decisions/0008-requests.md): compose and
 * send it, the partnership's review, the thread and supplements, consent, the
 * decision and objections, the commission summary and decision letter, and
 * the partnership's configuration of requests. The parents' pages are
 * parent-routes.ts.
 */
export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/requests', { config: pupilData, schema: { body: CreateRequestInput, response: { 200: Created } } }, (req) => createRequest(staffContext(req), req.body));
  app.get('/api/requests', { config: pupilData, schema: { querystring: QueueQuery, response: { 200: Queue } } }, (req) => listQueue(staffContext(req), req.query));
  app.get('/api/requests/export', { config: pupilData, schema: { querystring: QueueExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportQueue(staffContext(req), req.query)),
  );
  app.get('/api/requests/:id', { config: pupilData, schema: { params: Id, response: { 200: RequestPage } } }, (req) => readRequest(staffContext(req), req.params.id));
  app.put('/api/requests/:id', { config: pupilData, schema: { params: Id, body: SaveRequestInput, response: { 200: z.object({ revision: z.number() }) } } }, (req) =>
    saveRequest(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/requests/:id/dossier-items', { config: pupilData, schema: { params: Id, response: { 200: z.array(DossierItem) } } }, (req) =>
    listDossierItems(staffContext(req), req.params.id),
  );
  app.post('/api/requests/:id/attachments', { config: pupilData, schema: { params: Id, body: AttachInput, response: { 200: Created } } }, (req) =>
    attachItem(staffContext(req), req.params.id, req.body),
  );
  app.delete('/api/requests/:id/attachments/:attachmentId', { config: pupilData, schema: { params: AttachmentParams, response: { 200: Ok } } }, (req) =>
    detachItem(staffContext(req), req.params.id, req.params.attachmentId),
  );
  app.get('/api/requests/:id/attachments/:attachmentId/file', { config: pupilData, schema: { params: AttachmentParams } }, async (req, reply) => {
    const file = await downloadAttachment(staffContext(req), app.storage, req.params.id, req.params.attachmentId);
    return sendDownload(reply, file);
  });
  app.post('/api/requests/:id/submit', { config: pupilData, schema: { params: Id, body: SubmitInput, response: { 200: Status } } }, (req) =>
    submitRequest(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/withdraw', { config: pupilData, schema: { params: Id, body: WithdrawInput, response: { 200: Status } } }, (req) =>
    withdrawRequest(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/messages', { config: pupilData, schema: { params: Id, body: MessageInput, response: { 200: Created } } }, (req) =>
    postMessage(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/answers', { config: pupilData, schema: { params: Id, body: AnswerInput, response: { 200: Created } } }, (req) =>
    answerAddition(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/supplements', { config: pupilData, schema: { params: Id, body: SupplementInput, response: { 200: Created } } }, (req) =>
    sendSupplement(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/assign', { config: pupilData, schema: { params: Id, body: TakeInput, response: { 200: Ok } } }, (req) => takeRequest(staffContext(req), req.params.id, req.body));
  app.post('/api/requests/:id/experts', { config: pupilData, schema: { params: Id, body: ExpertsInput, response: { 200: Ok } } }, (req) =>
    assignExperts(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/requests/:id/advice', { config: pupilData, schema: { params: Id, body: AdviceInput, response: { 200: Status } } }, (req) => advise(staffContext(req), req.params.id, req.body));
  app.post('/api/requests/:id/to-decision', { config: pupilData, schema: { params: Id, body: ToDecisionInput, response: { 200: Status } } }, (req) =>
    sendToDecision(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/answer-consultation', { config: pupilData, schema: { params: Id, body: AnswerConsultationInput, response: { 200: Status } } }, (req) =>
    answerConsultation(staffContext(req), req.params.id, req.body),
  );
  app.post(
    '/api/requests/:id/decision',
    { config: pupilData, schema: { params: Id, body: DecisionInput, response: { 200: z.object({ outcome: z.string(), tlvNumber: z.number().nullable() }) } } },
    (req) => decide(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/objections', { config: pupilData, schema: { params: Id, body: ObjectionInput, response: { 200: Created } } }, (req) =>
    registerObjection(staffContext(req), req.params.id, req.body),
  );
  app.patch('/api/objections/:id', { config: pupilData, schema: { params: Id, body: ObjectionOutcomeInput, response: { 200: Ok } } }, (req) =>
    recordObjectionOutcome(staffContext(req), req.params.id, req.body),
  );

  app.get('/api/arrangement-kinds', { config: { auth: 'staff' }, schema: { response: { 200: z.array(ArrangementKindOffer) } } }, (req) => listOfferedArrangementKinds(staffContext(req)));
  app.get('/api/request-staff', { config: { auth: 'staff' }, schema: { response: { 200: z.object({ consultants: z.array(Ref), experts: z.array(Ref.extend({ discipline: z.enum(disciplines).nullable() })) }) } } }, (req) =>
    listRequestStaff(staffContext(req)),
  );

  // Parents' consent: the school asks it (a link per recipient) or records it from paper.
  app.post(
    '/api/requests/:id/consent-links',
    { config: pupilData, schema: { params: Id, body: ConsentLinksInput, response: { 200: ConsentLinksSent } } },
    (req) => askConsent(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/consents', { config: pupilData, schema: { params: Id, body: PaperConsentInput, response: { 200: Created } } }, (req) =>
    recordPaperConsent(staffContext(req), req.params.id, req.body),
  );

  // On paper: the commission summary and the decision letter.
  app.get('/api/requests/:id/summary.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadRequestSummary(staffContext(req), req.params.id);
    const { pdf } = await renderSummaryPdf(data);
    return sendPdf(reply, summaryFilename(data), pdf);
  });
  app.get('/api/requests/:id/decision.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadDecisionLetter(staffContext(req), req.params.id);
    const pdf = await renderLetterPdf(data);
    return sendPdf(reply, letterFilename(data), pdf);
  });

  // The partnership's configuration of requests (admin and director).
  const staff = { auth: 'staff' } as const;
  app.get('/api/arrangement-kinds/all', { config: staff, schema: { response: { 200: z.array(ArrangementKind) } } }, (req) => allArrangementKinds(staffContext(req)));
  app.post('/api/arrangement-kinds', { config: staff, schema: { body: ArrangementKindInput, response: { 200: Created } } }, (req) => createArrangementKind(staffContext(req), req.body));
  app.put('/api/arrangement-kinds/:id', { config: staff, schema: { params: Id, body: ArrangementKindInput, response: { 200: z.object({ ok: z.literal(true) }) } } }, (req) =>
    updateArrangementKind(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/request-settings', { config: staff, schema: { response: { 200: RequestSettings } } }, (req) => getRequestSettings(staffContext(req)));
  app.put('/api/request-settings', { config: staff, schema: { body: RequestSettings, response: { 200: RequestSettings } } }, (req) => saveRequestSettings(staffContext(req), req.body));
};
