import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendPdf } from '../../platform/http/reply.ts';
import { tenantOfDirectory } from '../../platform/tenant-lookups.ts';
import { directorySchool, freePlaces, searchDirectory } from './directory.ts';
import { profileFilename, renderProfilePdf, schoolGuideText } from './exports.ts';
import { DirectoryList, DirectoryParams, DirectoryQuery, DirectorySchool, DirectorySchoolParams, FreePlacesOverview } from './directory-schema.ts';

/**
 * The public directory as JSON (no sign-in). The address names the
 * partnership; the request then runs as that tenant (docs/decisions/0009).
 * Only published, non-personal data: see directory.ts.
 */
const open = {
  auth: 'public',
  tenant: (req: { params: unknown }, owner: Parameters<typeof tenantOfDirectory>[0]) => tenantOfDirectory(owner, (req.params as { partnership: string }).partnership),
} as const;

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/directory/:partnership', { config: open, schema: { params: DirectoryParams, querystring: DirectoryQuery, response: { 200: DirectoryList } } }, (req) =>
    searchDirectory(req.db, req.params.partnership, req.query),
  );
  app.get('/api/directory/:partnership/schools/:id', { config: open, schema: { params: DirectorySchoolParams, response: { 200: DirectorySchool } } }, (req) =>
    directorySchool(req.db, req.params.partnership, req.params.id),
  );
  // The published profile on one A4, and as the school guide's text block. A PDF costs the server more than a page: limited per address.
  app.get('/api/directory/:partnership/schools/:id/profile.pdf', { config: { ...open, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { params: DirectorySchoolParams } }, async (req, reply) => {
    const s = await directorySchool(req.db, req.params.partnership, req.params.id);
    const { pdf } = await renderProfilePdf(s);
    return sendPdf(reply, profileFilename(s), pdf);
  });
  app.get('/api/directory/:partnership/schools/:id/schoolgids.txt', { config: open, schema: { params: DirectorySchoolParams } }, async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(schoolGuideText(await directorySchool(req.db, req.params.partnership, req.params.id))),
  );
  app.get('/api/directory/:partnership/free-places', { config: open, schema: { params: DirectoryParams, response: { 200: FreePlacesOverview } } }, (req) =>
    freePlaces(req.db, req.params.partnership),
  );
};
