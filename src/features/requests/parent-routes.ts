import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../../platform/http/context.ts';
import { sendDownload, sendPdf } from '../../platform/http/reply.ts';
import { Id } from '../../platform/http/schemas.ts';
import { parentCsrfHeader, parentRateLimit, parentSession, parentTenant, parentWayIn } from '../parent-access/api.ts';
import { giveConsent } from './parents/give-consent.ts';
import { downloadParentItem, readParentItem } from './parents/parent-items.ts';
import { readParentLetter } from './parents/read-parent-letter.ts';
import { readParentRequest } from './parents/read-parent-request.ts';
import { requestSubject } from './parents/request-link.ts';
import { ParentConsented, ParentConsentInput, ParentItem, ParentRequest } from './parent-schema.ts';
import { letterFilename, renderLetterPdf } from './pdf/decision-letter.ts';

/**
 * The parent's page of a request, behind the link from the mail
 * (/ouders/aanvraag). The way in (code, verify, sign-out under
 * /api/parent/request) is parent access's, as for the OPP; here the request,
 * its decision letter and the consent, behind the parent's cookie (checked
 * in parents/request-link.ts). 'public' for the staff gate: a parent has no staff session.
 */
export const parentRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(parentWayIn(requestSubject));

  app.get('/api/parent/request', { config: { auth: 'public', pupilData: true, ...parentTenant('request') }, schema: { response: { 200: ParentRequest } } }, async (req) =>
    readParentRequest(req.db, requestContext(req).actor, parentSession(req, 'request')),
  );

  // The decision letter as a file; a plain link on the page, the cookie's path covers it.
  app.get('/api/parent/request/decision.pdf', { config: { auth: 'public', pupilData: true, ...parentTenant('request') } }, async (req, reply) => {
    const data = await readParentLetter(req.db, requestContext(req).actor, parentSession(req, 'request'));
    const pdf = await renderLetterPdf(data);
    return sendPdf(reply, letterFilename(data), pdf);
  });

  // Informed consent: each item the link asks about can be read (and a document opened) before answering.
  app.get('/api/parent/request/items/:id', { config: { auth: 'public', pupilData: true, ...parentTenant('request') }, schema: { params: Id, response: { 200: ParentItem } } }, async (req) =>
    readParentItem(req.db, requestContext(req).actor, parentSession(req, 'request'), req.params.id),
  );
  app.get('/api/parent/request/items/:id/file', { config: { auth: 'public', pupilData: true, ...parentTenant('request') }, schema: { params: Id } }, async (req, reply) =>
    sendDownload(reply, await downloadParentItem(req.db, app.storage, requestContext(req).actor, parentSession(req, 'request'), req.params.id)),
  );

  app.post(
    '/api/parent/request/consent',
    { config: { auth: 'public', pupilData: true, ...parentRateLimit(app), ...parentTenant('request') }, schema: { body: ParentConsentInput, response: { 200: ParentConsented } } },
    async (req) => giveConsent(req.db, requestContext(req).actor, parentSession(req, 'request'), parentCsrfHeader(req), req.body),
  );
};
