import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestContext } from '../../platform/http/context.ts';
import { parentCsrfHeader, parentRateLimit, parentSession, parentTenant, parentWayIn } from '../parent-access/api.ts';
import { oppSubject, readPlan, respond } from './parent.ts';
import { ParentPlan, ParentRespondInput, ParentResponded } from './parent-schema.ts';

/**
 * The parent's pages of the OPP, behind the link from the mail (/ouders/opp).
 * The way in (code, verify, sign-out under /api/parent/opp) is parent
 * access's; here the plan and the answer, behind the parent's cookie
 * (checked in parent.ts). 'public' for the staff gate: a parent has no staff
 * session.
 */
export const parentPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(parentWayIn(oppSubject));

  app.get('/api/parent/opp', { config: { auth: 'public', pupilData: true, ...parentTenant('opp') }, schema: { response: { 200: ParentPlan } } }, async (req) =>
    readPlan(req.db, requestContext(req).actor, parentSession(req, 'opp')),
  );

  app.post(
    '/api/parent/opp/respond',
    { config: { auth: 'public', pupilData: true, ...parentRateLimit(app), ...parentTenant('opp') }, schema: { body: ParentRespondInput, response: { 200: ParentResponded } } },
    async (req) => respond(req.db, requestContext(req).actor, parentSession(req, 'opp'), parentCsrfHeader(req), req.body),
  );
};
