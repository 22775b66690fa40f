import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { sendExport } from '../../platform/list-export.ts';
import { readBoard } from './board.ts';
import { letterFilename, loadDecisionLetter, loadExtensionLetter, renderLetterPdf } from './letters.ts';
import { answerPlacement, askPlacement, searchPlacement } from './placement.ts';
import { getZorgplichtSettings, markActionDone, planMeeting, putOnTable, recordAdvice, recordDecision, updateZorgplichtSettings } from './table.ts';
import { createRegistration, decideRegistration, exportRegistrations, extendRegistration, listRegistrations, readRegistration } from './registrations.ts';
import {
  AdviceInput,
  EnforceInput,
  MeetingInput,
  PutOnTableInput,
  ZorgplichtSettings,
  ZorgplichtSettingsView,
  AnswerPlacementInput,
  AskPlacementInput,
  Board,
  BoardQuery,
  DecideInput,
  ExtendInput,
  PlacementSearch,
  PlacementSearchQuery,
  RegistrationExportQuery,
  RegistrationInput,
  RegistrationList,
  RegistrationQuery,
  RegistrationView,
} from './schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;
const staff = { auth: 'staff' } as const;
const Ok = z.object({ ok: z.literal(true) });

/** Zorgplicht: the school's registrations with their clock, the partnership's board, the letters and the placement search. */
export const zorgplichtRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/zorgplicht/registrations', { config: pupilData, schema: { querystring: RegistrationQuery, response: { 200: RegistrationList } } }, (req) =>
    listRegistrations(staffContext(req), req.query),
  );
  app.get('/api/zorgplicht/registrations/export', { config: pupilData, schema: { querystring: RegistrationExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportRegistrations(staffContext(req), req.query)),
  );
  app.post('/api/zorgplicht/registrations', { config: pupilData, schema: { body: RegistrationInput, response: { 200: Created } } }, (req) => createRegistration(staffContext(req), req.body));
  app.get('/api/zorgplicht/registrations/:id', { config: pupilData, schema: { params: Id, response: { 200: RegistrationView } } }, (req) => readRegistration(staffContext(req), req.params.id));
  app.post('/api/zorgplicht/registrations/:id/extension', { config: pupilData, schema: { params: Id, body: ExtendInput, response: { 200: Ok } } }, (req) =>
    extendRegistration(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/registrations/:id/decision', { config: pupilData, schema: { params: Id, body: DecideInput, response: { 200: Ok } } }, (req) =>
    decideRegistration(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/zorgplicht/registrations/:id/extension-letter.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadExtensionLetter(staffContext(req), req.params.id);
    return sendPdf(reply, letterFilename(data), await renderLetterPdf(data));
  });
  app.get('/api/zorgplicht/registrations/:id/decision-letter.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadDecisionLetter(staffContext(req), req.params.id);
    return sendPdf(reply, letterFilename(data), await renderLetterPdf(data));
  });

  app.get('/api/zorgplicht/board', { config: pupilData, schema: { querystring: BoardQuery, response: { 200: Board } } }, (req) => readBoard(staffContext(req), req.query));

  app.get('/api/zorgplicht/registrations/:id/placement-search', { config: pupilData, schema: { params: Id, querystring: PlacementSearchQuery, response: { 200: PlacementSearch } } }, (req) =>
    searchPlacement(staffContext(req), req.params.id, req.query),
  );
  app.post('/api/zorgplicht/registrations/:id/placements', { config: pupilData, schema: { params: Id, body: AskPlacementInput, response: { 200: Created } } }, (req) =>
    askPlacement(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/placements/:id/answer', { config: pupilData, schema: { params: Id, body: AnswerPlacementInput, response: { 200: Ok } } }, (req) =>
    answerPlacement(staffContext(req), req.params.id, req.body),
  );

  // The placement table (plaatsingstafel) and the director's doorzettingsmacht.
  app.post('/api/zorgplicht/registrations/:id/table', { config: pupilData, schema: { params: Id, body: PutOnTableInput, response: { 200: Created } } }, (req) =>
    putOnTable(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/registrations/:id/table/meeting', { config: pupilData, schema: { params: Id, body: MeetingInput, response: { 200: Ok } } }, (req) =>
    planMeeting(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/registrations/:id/table/advice', { config: pupilData, schema: { params: Id, body: AdviceInput, response: { 200: Ok } } }, (req) =>
    recordAdvice(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/registrations/:id/table/decision', { config: pupilData, schema: { params: Id, body: EnforceInput, response: { 200: Ok } } }, (req) =>
    recordDecision(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/zorgplicht/table-actions/:id/done', { config: pupilData, schema: { params: Id, response: { 200: Ok } } }, (req) => markActionDone(staffContext(req), req.params.id));
  app.get('/api/zorgplicht/settings', { config: staff, schema: { response: { 200: ZorgplichtSettingsView } } }, (req) => getZorgplichtSettings(staffContext(req)));
  app.put('/api/zorgplicht/settings', { config: staff, schema: { body: ZorgplichtSettings, response: { 200: Ok } } }, (req) => updateZorgplichtSettings(staffContext(req), req.body));
};
