import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { meetingMinutesPdf } from './minutes-pdf.ts';
import { Created as Done, Id } from '../../platform/http/schemas.ts';
import { addAgreement, addDecision, addItem, createKind, markAgreementDone, planMeeting, removeItem, updateItem, updateKind, updateMeeting } from './commands.ts';
import { getMeeting, getSupportRoute, listMeetings, myActions, schoolAgreements } from './queries.ts';
import { OVERDUE_REMINDER_CRON, OVERDUE_REMINDER_JOB, sendOverdueReminders } from './reminders.ts';
import { forEachTenant } from '../../platform/tenant-lookups.ts';
import {
  AgreementInput, AgreementQuery, DecisionInput, ItemInput, ItemParams, ItemPatch, Meeting, MeetingInput, MeetingKindInput, MeetingKindPatch,
  MeetingList, MeetingPatch, MeetingQuery, MyActions, SchoolAgreements, SupportRoute,
} from './schema.ts';

const staff = { auth: 'staff' } as const;
const pupilData = { auth: 'staff', pupilData: true } as const;

/** The school's support route: kinds of meeting, meetings with an agenda of pupils, decisions, agreements. */
export const supportRouteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(OVERDUE_REMINDER_JOB, () => forEachTenant(app, (sql) => sendOverdueReminders(sql, app.config.PUBLIC_URL)));
  app.jobs.schedule(OVERDUE_REMINDER_JOB, OVERDUE_REMINDER_CRON);

  app.get('/api/schools/:id/support-route', { config: staff, schema: { params: Id, response: { 200: SupportRoute } } }, (req) => getSupportRoute(staffContext(req), req.params.id));
  app.post('/api/schools/:id/meeting-kinds', { config: staff, schema: { params: Id, body: MeetingKindInput, response: { 200: Done } } }, (req) =>
    createKind(staffContext(req), req.params.id, req.body),
  );
  app.patch('/api/meeting-kinds/:id', { config: staff, schema: { params: Id, body: MeetingKindPatch, response: { 200: Done } } }, (req) =>
    updateKind(staffContext(req), req.params.id, req.body),
  );

  app.get('/api/schools/:id/meetings', { config: staff, schema: { params: Id, querystring: MeetingQuery, response: { 200: MeetingList } } }, (req) =>
    listMeetings(staffContext(req), req.params.id, req.query.when),
  );
  app.post('/api/schools/:id/meetings', { config: staff, schema: { params: Id, body: MeetingInput, response: { 200: Done } } }, (req) =>
    planMeeting(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/meetings/:id', { config: pupilData, schema: { params: Id, response: { 200: Meeting } } }, (req) => getMeeting(staffContext(req), req.params.id));
  app.get('/api/meetings/:id/minutes.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const { filename, pdf } = await meetingMinutesPdf(staffContext(req), req.params.id);
    return sendPdf(reply, filename, pdf);
  });
  app.patch('/api/meetings/:id', { config: staff, schema: { params: Id, body: MeetingPatch, response: { 200: Done } } }, (req) =>
    updateMeeting(staffContext(req), req.params.id, req.body),
  );

  app.post('/api/meetings/:id/items', { config: pupilData, schema: { params: Id, body: ItemInput, response: { 200: Done } } }, (req) =>
    addItem(staffContext(req), req.params.id, req.body),
  );
  app.patch('/api/meetings/:id/items/:itemId', { config: pupilData, schema: { params: ItemParams, body: ItemPatch, response: { 200: Done } } }, (req) =>
    updateItem(staffContext(req), req.params.id, req.params.itemId, req.body),
  );
  app.delete('/api/meetings/:id/items/:itemId', { config: pupilData, schema: { params: ItemParams, response: { 200: Done } } }, (req) =>
    removeItem(staffContext(req), req.params.id, req.params.itemId),
  );
  app.post('/api/meetings/:id/items/:itemId/decisions', { config: pupilData, schema: { params: ItemParams, body: DecisionInput, response: { 200: Done } } }, (req) =>
    addDecision(staffContext(req), req.params.id, req.params.itemId, req.body),
  );
  app.post('/api/meetings/:id/items/:itemId/agreements', { config: pupilData, schema: { params: ItemParams, body: AgreementInput, response: { 200: Done } } }, (req) =>
    addAgreement(staffContext(req), req.params.id, req.params.itemId, req.body),
  );

  app.get('/api/my/actions', { config: pupilData, schema: { response: { 200: MyActions } } }, (req) => myActions(staffContext(req)));
  app.post('/api/agreements/:id/done', { config: pupilData, schema: { params: Id, response: { 200: Done } } }, (req) => markAgreementDone(staffContext(req), req.params.id));
  app.get('/api/schools/:id/agreements', { config: pupilData, schema: { params: Id, querystring: AgreementQuery, response: { 200: SchoolAgreements } } }, (req) =>
    schoolAgreements(staffContext(req), req.params.id, req.query),
  );
};
