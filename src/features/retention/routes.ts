import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { forEachTenant } from '../../platform/tenant-lookups.ts';
import { HEALTH_RETENTION_CRON, HEALTH_RETENTION_JOB, removeExpiredHealthAttachments } from './remove-expired-health-attachments.ts';

/** No routes: the nightly job that removes health data received with requests after its retention period (docs/decisions/0008-requests.md). */
export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(HEALTH_RETENTION_JOB, () => forEachTenant(app, removeExpiredHealthAttachments));
  app.jobs.schedule(HEALTH_RETENTION_JOB, HEALTH_RETENTION_CRON);
};
