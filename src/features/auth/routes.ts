import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transaction, type Sql } from '../../db/index.ts';
import { deleteSession, SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { audit } from '../../platform/audit.ts';
import { requestContext, sessionOf } from '../../platform/http/context.ts';
import { SessionInfo } from '../../platform/access/session-schema.ts';
import { confirmEnrolment, startEnrolment, verifySecondFactor } from './mfa.ts';
import {
  CodeInput,
  EnrolmentResult,
  ForgotInput,
  InvitationInfo,
  RecoveryCodesResult,
  SetPasswordInput,
  SignInInput,
  SignInResult,
  TokenInput,
} from './schema.ts';
import { sessionInfo } from './session-info.ts';
import { signIn } from './sign-in.ts';
import { invitationInfo, mailPasswordReset, PASSWORD_RESET_JOB, setPasswordWithToken, type PasswordResetJob } from '../../platform/auth/user-tokens.ts';
import { tenantOfEmail, tenantOfUserToken } from '../../platform/tenant-lookups.ts';
import { withTenant } from '../../db/tenant.ts';

const Ok = z.object({ ok: z.literal(true) });
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const strict = { rateLimit: { max: app.config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' } };
  const settings = { idleMinutes: app.config.SESSION_IDLE_MINUTES, maxHours: app.config.SESSION_MAX_HOURS };
  // Before sign-in the partnership is the one of the address or the link (platform/tenant-lookups.ts).
  const byEmail = { tenant: (req: { body: unknown }, owner: Sql) => tenantOfEmail(owner, (req.body as { email: string }).email) };
  const byToken = { tenant: (req: { body: unknown }, owner: Sql) => tenantOfUserToken(owner, (req.body as { token: string }).token) };
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
  };

  app.get('/api/auth/session', { config: { auth: 'public' }, schema: { response: { 200: SessionInfo } } }, async (req) =>
    sessionInfo(req.db, req.session, app.capabilities),
  );

  app.post('/api/auth/sign-in', { config: { auth: 'public', ...strict, ...byEmail }, schema: { body: SignInInput, response: { 200: SignInResult } } }, async (req, reply) => {
    const { token, next } = await signIn(req.db, settings, requestContext(req).actor, req.body);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    return { next };
  });

  app.post('/api/auth/sign-out', { config: { auth: 'session' }, schema: { response: { 200: Ok } } }, async (req, reply) => {
    const session = sessionOf(req);
    await transaction(req.db, async (tx) => {
      await deleteSession(tx, session.id);
      await audit(tx, requestContext(req).actor, { action: 'auth.sign_out', entityType: 'user', entityId: session.userId });
    });
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true as const };
  });

  app.post('/api/auth/mfa/enrolment', { config: { auth: 'session' }, schema: { response: { 200: EnrolmentResult } } }, async (req) =>
    startEnrolment(req.db, app.secrets, sessionOf(req)),
  );

  // After the second factor the session continues under a new cookie (and CSRF token: the browser reloads the session).
  app.post('/api/auth/mfa/enrolment/confirm', { config: { auth: 'session', ...strict }, schema: { body: CodeInput, response: { 200: RecoveryCodesResult } } }, async (req, reply) => {
    const { recoveryCodes, session } = await confirmEnrolment(req.db, app.secrets, requestContext(req).actor, sessionOf(req), req.body.code);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
    return { recoveryCodes };
  });

  app.post('/api/auth/mfa/verify', { config: { auth: 'session', ...strict }, schema: { body: CodeInput, response: { 200: Ok } } }, async (req, reply) => {
    const session = await verifySecondFactor(req.db, app.secrets, requestContext(req).actor, sessionOf(req), req.body.code);
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
    return { ok: true as const };
  });

  // The job runs as the partnership of the address (none: an unknown address finds nobody).
  app.jobs.register<PasswordResetJob>(PASSWORD_RESET_JOB, async (job) =>
    withTenant(app.tenantPool, await tenantOfEmail(app.ownerSql, job.email), (sql) => mailPasswordReset(sql, app.config.PUBLIC_URL, job)),
  );
  app.post('/api/auth/password/forgot', { config: { auth: 'public', ...strict }, schema: { body: ForgotInput, response: { 200: Ok } } }, async (req) => {
    const { ip, userAgent } = requestContext(req).actor;
    await app.jobs.send(PASSWORD_RESET_JOB, { email: req.body.email, ip, userAgent } satisfies PasswordResetJob);
    return { ok: true as const };
  });

  app.post('/api/auth/password/reset', { config: { auth: 'public', ...strict, ...byToken }, schema: { body: SetPasswordInput, response: { 200: Ok } } }, async (req) => {
    await setPasswordWithToken(req.db, requestContext(req).actor, req.body, 'reset');
    return { ok: true as const };
  });

  app.post('/api/auth/invitation/inspect', { config: { auth: 'public', ...strict, ...byToken }, schema: { body: TokenInput, response: { 200: InvitationInfo } } }, async (req) =>
    invitationInfo(req.db, req.body.token),
  );

  app.post('/api/auth/invitation/accept', { config: { auth: 'public', ...strict, ...byToken }, schema: { body: SetPasswordInput, response: { 200: Ok } } }, async (req) => {
    await setPasswordWithToken(req.db, requestContext(req).actor, req.body, 'invite');
    return { ok: true as const };
  });
};
