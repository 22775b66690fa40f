import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { requestContext, staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { tenantOfOidcProvider, tenantOfOidcState } from '../../platform/tenant-lookups.ts';
import {
  createProvider,
  finishOidcLogin,
  listProviderOptions,
  listProviders,
  OIDC_CALLBACK_PATH,
  OIDC_LOGIN_MINUTES,
  OIDC_STATE_COOKIE,
  redirectUriFor,
  startOidcLogin,
  updateProvider,
} from './oidc.ts';
import { OidcProviderList, OidcProviderOption, oidcProviderInputs } from './oidc-schema.ts';

/** Where the browser goes when OIDC sign-in fails: the sign-in page says so, without details. */
export const OIDC_FAILED_PATH = '/inloggen?fout=oidc';

const staff = { auth: 'staff' } as const;

export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  const strict = { rateLimit: { max: app.config.SIGN_IN_RATE_LIMIT, timeWindow: '1 minute' } };
  const settings = { idleMinutes: app.config.SESSION_IDLE_MINUTES, maxHours: app.config.SESSION_MAX_HOURS };
  const opts = { redirectUri: redirectUriFor(app.config.PUBLIC_URL), allowInsecure: app.config.development, secrets: app.secrets };
  const secure = app.config.secureCookies;
  // Exactly as the password sign-in sets it (features/auth/routes.ts).
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
  // 'lax': the provider's redirect back is a top-level GET, which carries it.
  const stateCookie = { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: OIDC_LOGIN_MINUTES * 60 };
  const { Input, Patch } = oidcProviderInputs(opts.allowInsecure);

  // The buttons of every partnership, before one is known: on the owner connection (platform/tenant-lookups.ts lists it).
  app.get('/api/auth/oidc/providers', { config: { auth: 'public' }, schema: { response: { 200: z.array(OidcProviderOption) } } }, () =>
    listProviderOptions(app.ownerSql),
  );

  app.get('/api/auth/oidc/:id/start', { config: { auth: 'public', ...strict, tenant: (req, owner) => tenantOfOidcProvider(owner, (req.params as { id: string }).id) }, schema: { params: Id } }, async (req, reply) => {
    let started: Awaited<ReturnType<typeof startOidcLogin>> = null;
    try {
      started = await startOidcLogin(req.db, opts, req.params.id);
    } catch (err) {
      req.log.warn({ providerId: req.params.id, err: { message: (err as Error).message } }, 'oidc start failed');
    }
    if (!started) return reply.redirect(OIDC_FAILED_PATH, 302);
    reply.setCookie(OIDC_STATE_COOKIE, started.state, stateCookie);
    return reply.redirect(started.url, 302);
  });

  app.get(OIDC_CALLBACK_PATH, { config: { auth: 'public', ...strict, tenant: (req, owner) => tenantOfOidcState(owner, req.cookies[OIDC_STATE_COOKIE]) } }, async (req, reply) => {
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const result = await finishOidcLogin(req.db, settings, requestContext(req).actor, opts, {
      search,
      cookieState: req.cookies[OIDC_STATE_COOKIE],
      previousSessionId: req.session?.id ?? null,
    });
    reply.clearCookie(OIDC_STATE_COOKIE, { path: stateCookie.path });
    if (!result.ok) {
      req.log.info({ reason: result.reason }, 'oidc sign-in refused');
      return reply.redirect(OIDC_FAILED_PATH, 302);
    }
    reply.setCookie(SESSION_COOKIE, result.token, sessionCookie);
    // The browser app asks for the authenticator code (or its enrolment) next.
    return reply.redirect('/', 302);
  });

  app.get('/api/oidc-providers', { config: staff, schema: { response: { 200: OidcProviderList } } }, (req) =>
    listProviders(staffContext(req), opts.redirectUri),
  );
  app.post('/api/oidc-providers', { config: staff, schema: { body: Input, response: { 200: Created } } }, (req) =>
    createProvider(staffContext(req), app.secrets, req.body),
  );
  app.patch('/api/oidc-providers/:id', { config: staff, schema: { params: Id, body: Patch, response: { 200: Created } } }, (req) =>
    updateProvider(staffContext(req), app.secrets, req.params.id, req.body),
  );
};
