import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendDownload } from '../../platform/http/reply.ts';
import { addressId, Created, Id } from '../../platform/http/schemas.ts';
import { attachmentFile } from './attachments.ts';
import { attach, createRequest, detach, saveRequest, submit, withdraw } from './commands.ts';
import { decide, objectionOutcome, registerObjection } from './decision.ts';
import { arrangementKinds, queue, requestDossierItems, requestPage, requestStaff } from './queries.ts';
import { advise, answerConsultation, assign, assignExperts, toDecision } from './review.ts';
import {
  AdviceInput,
  AnswerConsultationInput,
  AnswerInput,
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
  QueueQuery,
  RequestPage,
  SaveRequestInput,
  SubmitInput,
  SupplementInput,
  TakeInput,
  ToDecisionInput,
  WithdrawInput,
} from './schema.ts';
import { sendSupplement } from './supplement.ts';
import { answerAddition, postMessage } from './thread.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;
const Ok = z.object({ ok: z.literal(true) });
const Status = z.object({ status: z.string() });
const Ref = z.object({ id: z.string(), name: z.string() });
const AttachmentParams = z.object({ id: addressId, attachmentId: addressId });

export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/requests', { config: pupilData, schema: { body: CreateRequestInput, response: { 200: Created } } }, (req) => createRequest(staffContext(req), req.body));
  app.get('/api/requests', { config: pupilData, schema: { querystring: QueueQuery, response: { 200: Queue } } }, (req) => queue(staffContext(req), req.query));
  app.get('/api/requests/:id', { config: pupilData, schema: { params: Id, response: { 200: RequestPage } } }, (req) => requestPage(staffContext(req), req.params.id));
  app.put('/api/requests/:id', { config: pupilData, schema: { params: Id, body: SaveRequestInput, response: { 200: z.object({ revision: z.number() }) } } }, (req) =>
    saveRequest(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/requests/:id/dossier-items', { config: pupilData, schema: { params: Id, response: { 200: z.array(DossierItem) } } }, (req) =>
    requestDossierItems(staffContext(req), req.params.id),
  );
  app.post('/api/requests/:id/attachments', { config: pupilData, schema: { params: Id, body: AttachInput, response: { 200: Created } } }, (req) =>
    attach(staffContext(req), req.params.id, req.body),
  );
  app.delete('/api/requests/:id/attachments/:attachmentId', { config: pupilData, schema: { params: AttachmentParams, response: { 200: Ok } } }, (req) =>
    detach(staffContext(req), req.params.id, req.params.attachmentId),
  );
  app.get('/api/requests/:id/attachments/:attachmentId/file', { config: pupilData, schema: { params: AttachmentParams } }, async (req, reply) => {
    const file = await attachmentFile(staffContext(req), app.storage, req.params.id, req.params.attachmentId);
    return sendDownload(reply, file);
  });
  app.post('/api/requests/:id/submit', { config: pupilData, schema: { params: Id, body: SubmitInput, response: { 200: Status } } }, (req) =>
    submit(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/withdraw', { config: pupilData, schema: { params: Id, body: WithdrawInput, response: { 200: Status } } }, (req) =>
    withdraw(staffContext(req), req.params.id, req.body),
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
  app.post('/api/requests/:id/assign', { config: pupilData, schema: { params: Id, body: TakeInput, response: { 200: Ok } } }, (req) => assign(staffContext(req), req.params.id, req.body));
  app.post('/api/requests/:id/experts', { config: pupilData, schema: { params: Id, body: ExpertsInput, response: { 200: Ok } } }, (req) =>
    assignExperts(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/requests/:id/advice', { config: pupilData, schema: { params: Id, body: AdviceInput, response: { 200: Status } } }, (req) => advise(staffContext(req), req.params.id, req.body));
  app.post('/api/requests/:id/to-decision', { config: pupilData, schema: { params: Id, body: ToDecisionInput, response: { 200: Status } } }, (req) =>
    toDecision(staffContext(req), req.params.id, req.body),
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
    objectionOutcome(staffContext(req), req.params.id, req.body),
  );

  app.get('/api/arrangement-kinds', { config: { auth: 'staff' }, schema: { response: { 200: z.array(ArrangementKindOffer) } } }, (req) => arrangementKinds(staffContext(req)));
  app.get('/api/request-staff', { config: { auth: 'staff' }, schema: { response: { 200: z.object({ consultants: z.array(Ref), experts: z.array(Ref.extend({ discipline: z.enum(disciplines).nullable() })) }) } } }, (req) =>
    requestStaff(staffContext(req)),
  );
};
