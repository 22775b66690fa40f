import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Sql } from '../../db/index.ts';
import { requestContext } from '../../platform/http/context.ts';
import { SESSION_MINUTES } from './limits.ts';
import { endSession, sendCode, tenantOfLink, verifyCode, type SubjectKindOf } from './links.ts';
import { PARENT_CSRF_HEADER, ParentCodeSent, ParentOk, ParentTokenInput, ParentVerified, ParentVerifyInput, subjectPlaces, type SubjectKind } from './schema.ts';

/**
 * The way in, as HTTP, for one kind of subject: ask a code, verify it,
 * sign out (under /api/parent/<kind>). The subject's feature registers this
 * with what only it knows (describe), and its own read and answer routes
 * beside it, which find their link with parentSession() and check the CSRF
 * header with parentCsrfHeader().
 *
 * All routes are 'public' for the staff gate: a parent has no staff session.
 * The parent's own proof is the link token (code, verify) or the kind's
 * cookie. Per-IP limits on the steps that take guesses, with the same number
 * as staff sign-in. The cookie is httpOnly, SameSite=Strict, and only the
 * kind's endpoints ever see it (its path).
 */
export const parentWayIn =
  (subject: SubjectKindOf): FastifyPluginAsyncZod =>
  async (app) => {
    const { cookie, path, options } = cookieOf(app, subject.kind);
    const perIp = parentRateLimit(app);

    app.post(
      `${path}/code`,
      { config: { auth: 'public', ...perIp, ...byToken(subject.kind) }, schema: { body: ParentTokenInput, response: { 200: ParentCodeSent } } },
      async (req) => sendCode(req.db, requestContext(req).actor, subject, req.body.token),
    );

    app.post(
      `${path}/verify`,
      { config: { auth: 'public', ...perIp, ...byToken(subject.kind) }, schema: { body: ParentVerifyInput, response: { 200: ParentVerified } } },
      async (req, reply) => {
        const { sessionToken, csrfToken, validMinutes } = await verifyCode(req.db, requestContext(req).actor, subject, req.body.token, req.body.code);
        reply.setCookie(cookie, sessionToken, { ...options, maxAge: SESSION_MINUTES * 60 });
        return { csrfToken, validMinutes };
      },
    );

    app.post(`${path}/sign-out`, { config: { auth: 'public', ...parentTenant(subject.kind) }, schema: { response: { 200: ParentOk } } }, async (req, reply) => {
      await endSession(req.db, subject.kind, req.cookies[cookie]);
      reply.clearCookie(cookie, { path: options.path });
      return { ok: true as const };
    });
  };

/** The per-IP limit of a parent's steps that take guesses or change something: as staff sign-in. */
export const parentRateLimit = (app: FastifyInstance) => ({ rateLimit: { max: app.config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' } });

/** Where each kind's cookie goes. The OPP's always had /api/parent: kept, so sign-out clears the cookie a browser holds. */
const COOKIE_PATHS: Record<SubjectKind, string> = { opp: '/api/parent', request: '/api/parent/request' };

function cookieOf(app: FastifyInstance, kind: SubjectKind) {
  const path = `/api/${subjectPlaces[kind].api}`;
  const options = { path: COOKIE_PATHS[kind], httpOnly: true, sameSite: 'strict' as const, secure: app.config.secureCookies };
  return { cookie: subjectPlaces[kind].cookie, path, options };
}

/** The parent's session token of this kind (the cookie), for linkBySession. */
export const parentSession = (req: FastifyRequest, kind: SubjectKind): string | undefined => req.cookies[subjectPlaces[kind].cookie];

/** The CSRF header of a parent's change, as checkCsrf takes it (a repeated header counts as none). */
export const parentCsrfHeader = (req: FastifyRequest): string | undefined => {
  const header = req.headers[PARENT_CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
};

/**
 * A parent has no session of the staff gate: the partnership a parent's
 * request runs as is the link's (docs/decisions/0009-row-level-security.md),
 * found with tenantOfLink on the owner connection by the link's token or by
 * the kind's cookie. The rest of the request then runs as that tenant.
 */
const byToken = (kind: SubjectKind) => ({
  tenant: (req: FastifyRequest, owner: Sql) => tenantOfLink(owner, kind, { token: (req.body as { token: string }).token }),
});

/** For a subject's own routes behind the parent's cookie (its read and answer routes). */
export const parentTenant = (kind: SubjectKind) => ({
  tenant: (req: FastifyRequest, owner: Sql) => tenantOfLink(owner, kind, { sessionToken: parentSession(req, kind) }),
});
