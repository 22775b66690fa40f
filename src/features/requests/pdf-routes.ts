import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { sendPdf } from '../../platform/http/reply.ts';
import { Id } from '../../platform/http/schemas.ts';
import { letterFilename, loadDecisionLetter, renderLetterPdf } from './pdf-letter.ts';
import { loadRequestSummary, renderSummaryPdf, summaryFilename } from './pdf-summary.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

/** A request on paper (docs/decisions/0008-requests.md): the commission summary and the decision letter. */
export const requestPdfRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/requests/:id/summary.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadRequestSummary(staffContext(req), req.params.id);
    const { pdf } = await renderSummaryPdf(data);
    return sendPdf(reply, summaryFilename(data), pdf);
  });

  app.get('/api/requests/:id/decision.pdf', { config: pupilData, schema: { params: Id } }, async (req, reply) => {
    const data = await loadDecisionLetter(staffContext(req), req.params.id);
    const pdf = await renderLetterPdf(data);
    return sendPdf(reply, letterFilename(data), pdf);
  });
};
