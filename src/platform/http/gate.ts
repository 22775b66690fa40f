import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { principalOf } from '../access/principal.ts';
import { roleRequiresMfa } from '../access/roles.ts';
import { loadSession, SESSION_COOKIE, type SessionSettings } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import { withTenant } from '../../db/tenant.ts';

export interface RouteInfo {
  method: string;
  url: string;
  auth: 'public' | 'session' | 'staff';
  pupilData: boolean;
}

/**
 * The auth gate: every /api route declares its auth level (startup fails
 * otherwise); this resolves the session, checks the second factor and the
 * CSRF token, and loads the principal before any handler runs.
 */
export const gate = fp<{ settings: SessionSettings; routes: RouteInfo[] }>(async (app: FastifyInstance, opts) => {
  app.decorateRequest('session', null);
  app.decorateRequest('principal', null);
  app.decorateRequest('db', null as unknown as FastifyRequest['db']);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const auth = route.config?.auth;
    if (route.method !== 'HEAD') {
      if (!auth) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.auth`);
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        opts.routes.push({ method, url: route.url, auth, pupilData: route.config?.pupilData ?? false });
      }
    }
    // The handler runs on one tenant-pool connection told its partnership (docs/decisions/0009-row-level-security.md).
    const handler = route.handler;
    const tenantOf = route.config?.tenant;
    route.handler = async function (this: FastifyInstance, req, reply) {
      const tenant = tenantOf ? await tenantOf(req, app.ownerSql) : (req.principal?.scope.partnershipId ?? req.session?.partnershipId ?? null);
      return withTenant(app.tenantPool, tenant, (db) => {
        req.db = db;
        return Promise.resolve(handler.call(this, req, reply));
      });
    };
  });

  // No /api answer may be kept by a browser or proxy cache: pupil data, staff
  // names, the session, even a 404 (it says what exists). One rule for all of
  // /api rather than per route, so a route that forgets pupilData still holds.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('preHandler', async (req) => {
    const auth = req.routeOptions.config.auth;
    if (!auth) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await loadSession(app.ownerSql, opts.settings, token) : null;
    if (auth === 'public') return;
    const session = req.session;
    if (!session) throw new AppError('UNAUTHENTICATED');
    checkCsrf(req, session.csrfToken);
    if (auth === 'session') return;
    const principal = principalOf(session);
    const needsMfa = principal.roles.some((r) => roleRequiresMfa(r.role));
    if (needsMfa && !session.mfaVerified) throw new AppError('MFA_REQUIRED');
    req.principal = principal;
  });
});

/**
 * Synchronizer token: a state-changing request must carry the session's
 * token in a header, which a cross-site form or image cannot set.
 */
function checkCsrf(req: FastifyRequest, expected: string) {
  if (req.method === 'GET' || req.method === 'HEAD') return;
  if (req.headers['x-csrf-token'] !== expected) throw new AppError('CSRF');
}
