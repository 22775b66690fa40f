import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Sql } from '../../db/index.ts';
import type { Jobs } from '../jobs.ts';
import type { FileStorage } from '../storage.ts';
import type { Principal, TenantScope } from '../access/principal.ts';
import type { May, MayAtSchool } from '../access/session-schema.ts';
import type { AuditActor } from '../audit.ts';
import type { SessionRow } from '../auth/sessions.ts';
import { fail } from '../errors.ts';
import type { SecretBox } from '../secrets.ts';

/**
 * What a route asks of the caller before its handler runs:
 * - public:  nobody needs to be signed in (sign-in, password reset, invite).
 * - session: signed in with a password; the second factor may still be open.
 * - staff:   fully signed in (second factor done); the principal is loaded.
 */
export type AuthLevel = 'public' | 'session' | 'staff';

/**
 * How a route that runs before a partnership is known finds it: a lookup on
 * the owner connection (platform/tenant-lookups.ts) from what the request
 * carries (an address, a link token, a cookie). Without it the tenant is the
 * session's partnership, or none.
 */
export type TenantOf = (req: FastifyRequest, owner: Sql) => Promise<string | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: startup fails without it. */
    auth?: AuthLevel;
    /** The route reads or writes pupil data: it must write an audit row (tested). */
    pupilData?: boolean;
    /** See TenantOf. */
    tenant?: TenantOf;
  }
  interface FastifyRequest {
    session: SessionRow | null;
    principal: Principal | null;
    /** This request's connection of the tenant pool, its partnership set (src/db/tenant.ts); set by the gate around the handler. */
    db: Sql;
  }
  interface FastifyInstance {
    /** The owner connection: only for what platform/tenant-lookups.ts lists. */
    ownerSql: Sql;
    /** Connections acting as leerrecht_app; only through withTenant (src/db/tenant.ts). */
    tenantPool: Sql;
    config: Config;
    jobs: Jobs;
    storage: FileStorage;
    /** Encrypts and decrypts secrets kept at rest (TOTP, OIDC client secrets). */
    secrets: SecretBox;
    capabilities: Capabilities;
    /** The built browser app (dist/web), if there is one: pages the server renders take their page frame from it. */
    webDir: string | null;
  }
}

/** What a principal may do, for the browser's menus and pickers (composed in src/server/capabilities.ts). */
export interface Capabilities {
  everywhere(p: Principal): May;
  at(p: Principal, schoolId: string): MayAtSchool;
}

export interface RequestContext {
  sql: Sql;
  actor: AuditActor;
  /** Where the app is reached, for links in e-mails. */
  publicUrl: string;
}

export interface StaffContext extends RequestContext {
  principal: Principal;
  scope: TenantScope;
}

const actorOf = (req: FastifyRequest): AuditActor => ({
  partnershipId: req.principal?.scope.partnershipId ?? req.session?.partnershipId ?? null,
  userId: req.principal?.userId ?? req.session?.userId ?? null,
  ip: req.ip,
  userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
});

export const requestContext = (req: FastifyRequest): RequestContext => ({ sql: req.db, actor: actorOf(req), publicUrl: req.server.config.PUBLIC_URL });

/** The staff context of a request that passed the 'staff' gate. */
export function staffContext(req: FastifyRequest): StaffContext {
  const principal = req.principal ?? fail('UNAUTHENTICATED');
  return { ...requestContext(req), principal, scope: principal.scope };
}

export function sessionOf(req: FastifyRequest): SessionRow {
  return req.session ?? fail('UNAUTHENTICATED');
}
