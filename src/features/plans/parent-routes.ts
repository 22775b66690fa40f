import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../../platform/http/context.ts';
import { parentCookieOptions, parentCsrfHeader } from '../../platform/parent-links.ts';
import { endSession, PARENT_COOKIE, readPlan, respond, sendCode, SESSION_MINUTES, verifyCode } from './parent.ts';
import { ParentCodeSent, ParentOk, ParentPlan, ParentRespondInput, ParentResponded, ParentTokenInput, ParentVerified, ParentVerifyInput } from './parent-schema.ts';

/**
 * The parent's pages of the OPP, behind the link from the mail (/ouders/opp).
 * All routes are 'public' for the staff gate: a parent has no staff session.
 * The parent's own proof is the link token (code, verify) or the `lr_parent`
 * cookie (plan, respond), checked in parent.ts. Per-IP limits on the steps
 * that take guesses, with the same number as staff sign-in.
 */
export const parentPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const perIp = { rateLimit: { max: app.config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' } };
  const cookieOptions = parentCookieOptions(app.config.secureCookies, '/api/parent');
  const cookie = (req: { cookies: Record<string, string | undefined> }) => req.cookies[PARENT_COOKIE];

  app.post(
    '/api/parent/opp/code',
    { config: { auth: 'public', ...perIp }, schema: { body: ParentTokenInput, response: { 200: ParentCodeSent } } },
    async (req) => sendCode(app.sql, requestContext(req).actor, req.body.token),
  );

  app.post(
    '/api/parent/opp/verify',
    { config: { auth: 'public', ...perIp }, schema: { body: ParentVerifyInput, response: { 200: ParentVerified } } },
    async (req, reply) => {
      const { sessionToken, csrfToken, validMinutes } = await verifyCode(app.sql, requestContext(req).actor, req.body.token, req.body.code);
      reply.setCookie(PARENT_COOKIE, sessionToken, { ...cookieOptions, maxAge: SESSION_MINUTES * 60 });
      return { csrfToken, validMinutes };
    },
  );

  app.get('/api/parent/opp', { config: { auth: 'public', pupilData: true }, schema: { response: { 200: ParentPlan } } }, async (req) =>
    readPlan(app.sql, requestContext(req).actor, cookie(req)),
  );

  app.post(
    '/api/parent/opp/respond',
    { config: { auth: 'public', pupilData: true, ...perIp }, schema: { body: ParentRespondInput, response: { 200: ParentResponded } } },
    async (req) => respond(app.sql, requestContext(req).actor, cookie(req), parentCsrfHeader(req), req.body),
  );

  app.post('/api/parent/opp/sign-out', { config: { auth: 'public' }, schema: { response: { 200: ParentOk } } }, async (req, reply) => {
    await endSession(app.sql, cookie(req));
    reply.clearCookie(PARENT_COOKIE, { path: cookieOptions.path });
    return { ok: true as const };
  });
};
