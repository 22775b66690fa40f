import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Id } from '../../platform/http/schemas.ts';
import { letterFilename, loadDecisionLetter, renderLetterPdf } from './pdf-letter.ts';
import { loadRequestSummary, renderSummaryPdf, summaryFilename } from './pdf-summary.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

/** A request on paper (issue 5): the commission summary and the decision letter. */
export const requestPdfRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/requests/:id/summary.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadRequestSummary(staffContext(req), req.params.id);
    const { pdf } = await renderSummaryPdf(data);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${summaryFilename(data)}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.get('/api/requests/:id/decision.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadDecisionLetter(staffContext(req), req.params.id);
    const pdf = await renderLetterPdf(data);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${letterFilename(data)}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
};
