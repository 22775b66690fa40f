import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../../platform/http/context.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { parentCookieOptions, parentCsrfHeader, SESSION_MINUTES } from '../../platform/parent-links.ts';
import { consent, endSession, PARENT_REQUEST_COOKIE, readParentLetter, readRequest, sendCode, verifyCode } from './parent.ts';
import { ParentCodeSent, ParentConsented, ParentConsentInput, ParentOk, ParentRequest, ParentTokenInput, ParentVerified, ParentVerifyInput } from './parent-schema.ts';
import { letterFilename, renderLetterPdf } from './pdf-letter.ts';

/**
 * The parent's page of a request, behind the link from the mail
 * (/ouders/aanvraag). Like the OPP's parent pages: 'public' for the staff
 * gate, the parent's proof is the link token (code, verify) or the
 * `lr_parent_request` cookie (read, letter, consent), checked in parent.ts. A cookie
 * of its own, so a parent with an OPP and a request open keeps both.
 * Per-IP limits on the steps that take guesses, as for staff sign-in.
 */
export const parentRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const perIp = { rateLimit: { max: app.config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' } };
  const cookieOptions = parentCookieOptions(app.config.secureCookies, '/api/parent/request');
  const cookie = (req: { cookies: Record<string, string | undefined> }) => req.cookies[PARENT_REQUEST_COOKIE];

  app.post(
    '/api/parent/request/code',
    { config: { auth: 'public', ...perIp }, schema: { body: ParentTokenInput, response: { 200: ParentCodeSent } } },
    async (req) => sendCode(app.sql, requestContext(req).actor, req.body.token),
  );

  app.post(
    '/api/parent/request/verify',
    { config: { auth: 'public', ...perIp }, schema: { body: ParentVerifyInput, response: { 200: ParentVerified } } },
    async (req, reply) => {
      const { sessionToken, csrfToken, validMinutes } = await verifyCode(app.sql, requestContext(req).actor, req.body.token, req.body.code);
      reply.setCookie(PARENT_REQUEST_COOKIE, sessionToken, { ...cookieOptions, maxAge: SESSION_MINUTES * 60 });
      return { csrfToken, validMinutes };
    },
  );

  app.get('/api/parent/request', { config: { auth: 'public', pupilData: true }, schema: { response: { 200: ParentRequest } } }, async (req) =>
    readRequest(app.sql, requestContext(req).actor, cookie(req)),
  );

  // The decision letter as a file; a plain link on the page, the cookie's path covers it.
  app.get('/api/parent/request/decision.pdf', { config: { auth: 'public', pupilData: true } }, async (req, reply) => {
    const data = await readParentLetter(app.sql, requestContext(req).actor, cookie(req));
    const pdf = await renderLetterPdf(data);
    return sendPdf(reply, letterFilename(data), pdf);
  });

  app.post(
    '/api/parent/request/consent',
    { config: { auth: 'public', pupilData: true, ...perIp }, schema: { body: ParentConsentInput, response: { 200: ParentConsented } } },
    async (req) => consent(app.sql, requestContext(req).actor, cookie(req), parentCsrfHeader(req), req.body),
  );

  app.post('/api/parent/request/sign-out', { config: { auth: 'public' }, schema: { response: { 200: ParentOk } } }, async (req, reply) => {
    await endSession(app.sql, cookie(req));
    reply.clearCookie(PARENT_REQUEST_COOKIE, { path: cookieOptions.path });
    return { ok: true as const };
  });
};
