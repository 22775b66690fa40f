import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { askConsent, recordPaperConsent } from './consent.ts';
import { ConsentLinksInput, ConsentLinksSent, PaperConsentInput } from './consent-schema.ts';
import { parentRequestRoutes } from './parent-routes.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

/**
 * Parents' consent to a request: the school asks it (a link per recipient)
 * or records it from paper. Registers the parent's own pages too
 * (parent-routes.ts), so the feature list names consent once.
 */
export const requestConsentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/requests/:id/consent-links',
    { config: pupilData, schema: { params: Id, body: ConsentLinksInput, response: { 200: ConsentLinksSent } } },
    (req) => askConsent(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/requests/:id/consents', { config: pupilData, schema: { params: Id, body: PaperConsentInput, response: { 200: Created } } }, (req) =>
    recordPaperConsent(staffContext(req), req.params.id, req.body),
  );
  await app.register(parentRequestRoutes);
};
