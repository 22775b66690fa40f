import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { Id } from '../../platform/http/schemas.ts';
import { NumbersQuery, OppOverview, OverviewExportQuery, OverviewQuery, PartnershipNumbers, SchoolNumbers } from './overview-schema.ts';
import { exportOverview, partnershipNumbers, schoolNumbers, schoolOverview } from './overview.ts';
import { sendExport } from '../../platform/list-export.ts';
import { loadPlanForPaper, pdfFilename, renderPlanPdf } from './pdf.ts';
import { OPP_REMINDER_CRON, OPP_REMINDER_JOB, sendOppReminders } from './reminders.ts';
import { forEachTenant } from '../../platform/tenant-lookups.ts';

const staff = { auth: 'staff' } as const;
const pupilData = { auth: 'staff', pupilData: true } as const;
const PdfQuery = z.object({ version: z.coerce.number().int().min(1, 'Kies een bestaande versie.').max(1000).optional() });

/** The OPP on paper, the school's overview, the daily reminders and the numbers (docs/decisions/0007-opp.md). */
export const planOverviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register(OPP_REMINDER_JOB, () => forEachTenant(app, (sql) => sendOppReminders(sql, app.config.PUBLIC_URL)));
  app.jobs.schedule(OPP_REMINDER_JOB, OPP_REMINDER_CRON);

  app.get('/api/opps/:id/pdf', { config: pupilData, schema: { params: Id, querystring: PdfQuery } }, async (req, reply) => {
    const plan = await loadPlanForPaper(staffContext(req), req.params.id, req.query.version);
    const pdf = await renderPlanPdf(plan);
    return sendPdf(reply, pdfFilename(plan), pdf);
  });

  app.get('/api/schools/:id/opps', { config: pupilData, schema: { params: Id, querystring: OverviewQuery, response: { 200: OppOverview } } }, (req) =>
    schoolOverview(staffContext(req), req.params.id, req.query),
  );
  app.get('/api/schools/:id/opps/export', { config: pupilData, schema: { params: Id, querystring: OverviewExportQuery } }, async (req, reply) =>
    sendExport(reply, req.query.format, await exportOverview(staffContext(req), req.params.id, req.query)),
  );
  app.get('/api/schools/:id/opp-numbers', { config: staff, schema: { params: Id, querystring: NumbersQuery, response: { 200: SchoolNumbers } } }, (req) =>
    schoolNumbers(staffContext(req), req.params.id, req.query.from, req.query.to),
  );
  app.get('/api/opp-numbers', { config: staff, schema: { querystring: NumbersQuery, response: { 200: PartnershipNumbers } } }, (req) =>
    partnershipNumbers(staffContext(req), req.query.from, req.query.to),
  );
};
