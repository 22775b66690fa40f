import type { FastifyPluginAsync } from 'fastify';
import { arrangementRoutes } from '../features/arrangements/routes.ts';
import { auditLogRoutes } from '../features/audit-log/routes.ts';
import { authRoutes } from '../features/auth/routes.ts';
import { oidcRoutes } from '../features/auth/oidc-routes.ts';
import { metaRoutes } from '../features/meta/routes.ts';
import { organisationRoutes } from '../features/organisation/routes.ts';
import { planOverviewRoutes } from '../features/plans/overview-routes.ts';
import { parentPlanRoutes } from '../features/plans/parent-routes.ts';
import { planRoutes } from '../features/plans/routes.ts';
import { outboxRoutes } from '../features/outbox/routes.ts';
import { pupilImportRoutes } from '../features/pupil-import/routes.ts';
import { parentRequestRoutes } from '../features/requests/parent-routes.ts';
import { requestRoutes } from '../features/requests/routes.ts';
import { pupilRoutes } from '../features/pupils/routes.ts';
import { retentionRoutes } from '../features/retention/routes.ts';
import { tlvRegisterRoutes } from '../features/tlv-register/routes.ts';
import { staffRoutes } from '../features/staff/routes.ts';
import { directoryPages } from '../features/support-offer/directory-pages.ts';
import { directoryRoutes } from '../features/support-offer/directory-routes.ts';
import { coverageRoutes } from '../features/support-offer/coverage/routes.ts';
import { supportOfferRoutes } from '../features/support-offer/routes.ts';
import { supportRouteRoutes } from '../features/support-route/routes.ts';
import { auditRoutes } from '../features/quality/audits/routes.ts';
import { qualityRoutes } from '../features/quality/routes.ts';
import { workRoutes } from './work.ts';

/** The features, in the order they register. A new capability adds one line. */
export const features: FastifyPluginAsync[] = [authRoutes, oidcRoutes, metaRoutes, organisationRoutes, staffRoutes, pupilRoutes, auditLogRoutes, outboxRoutes, supportRouteRoutes, pupilImportRoutes, planRoutes, parentPlanRoutes, planOverviewRoutes, requestRoutes, parentRequestRoutes, tlvRegisterRoutes, arrangementRoutes, retentionRoutes, supportOfferRoutes, coverageRoutes, directoryRoutes, directoryPages, qualityRoutes, auditRoutes, workRoutes];
