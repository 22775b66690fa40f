import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { allArrangementKinds, createArrangementKind, getRequestSettings, saveRequestSettings, updateArrangementKind } from './config.ts';
import { ArrangementKind, ArrangementKindInput, RequestSettings } from './schema.ts';

/** The partnership's configuration of requests (admin and director). */
export const requestConfigRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = { auth: 'staff' } as const;
  app.get('/api/arrangement-kinds/all', { config: staff, schema: { response: { 200: z.array(ArrangementKind) } } }, (req) => allArrangementKinds(staffContext(req)));
  app.post('/api/arrangement-kinds', { config: staff, schema: { body: ArrangementKindInput, response: { 200: Created } } }, (req) => createArrangementKind(staffContext(req), req.body));
  app.put('/api/arrangement-kinds/:id', { config: staff, schema: { params: Id, body: ArrangementKindInput, response: { 200: z.object({ ok: z.literal(true) }) } } }, (req) =>
    updateArrangementKind(staffContext(req), req.params.id, req.body),
  );
  app.get('/api/request-settings', { config: staff, schema: { response: { 200: RequestSettings } } }, (req) => getRequestSettings(staffContext(req)));
  app.put('/api/request-settings', { config: staff, schema: { body: RequestSettings, response: { 200: RequestSettings } } }, (req) => saveRequestSettings(staffContext(req), req.body));
};
