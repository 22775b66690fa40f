import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Id } from '../../platform/http/schemas.ts';
import { getPupil, listPupils } from './queries.ts';
import { Pupil, PupilList, PupilQuery } from './schema.ts';

const pupilData = { auth: 'staff', pupilData: true } as const;

export const pupilRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/pupils', { config: pupilData, schema: { querystring: PupilQuery, response: { 200: PupilList } } }, (req) => listPupils(staffContext(req), req.query));
  app.get('/api/pupils/:id', { config: pupilData, schema: { params: Id, response: { 200: Pupil } } }, (req) => getPupil(staffContext(req), req.params.id));
};
