import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created, Id } from '../../platform/http/schemas.ts';
import { getProfile, listProfiles, publishProfile, saveFreePlaces, saveProfile, startProfile } from './profiles.ts';
import { getSettings, saveSettings } from './settings.ts';
import { FreePlacesInput, ProfileList, ProfileListQuery, ProfileView, PublishInput, SaveProfileInput, SettingsInput, SettingsView, StartProfileInput } from './schema.ts';

const staff = { auth: 'staff' } as const;
const Ok = z.object({ ok: z.literal(true) });

/** The support offer inside the app: the partnership's list of needs and rules, and the schools' profiles. */
export const supportOfferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/support-offer/settings', { config: staff, schema: { response: { 200: SettingsView } } }, (req) => getSettings(staffContext(req)));
  app.put('/api/support-offer/settings', { config: staff, schema: { body: SettingsInput, response: { 200: SettingsView } } }, (req) => saveSettings(staffContext(req), req.body));

  app.get('/api/support-offer/profiles', { config: staff, schema: { querystring: ProfileListQuery, response: { 200: ProfileList } } }, (req) =>
    listProfiles(staffContext(req), req.query),
  );
  app.post('/api/support-offer/profiles', { config: staff, schema: { body: StartProfileInput, response: { 200: Created } } }, (req) => startProfile(staffContext(req), req.body));
  app.get('/api/support-offer/profiles/:id', { config: staff, schema: { params: Id, response: { 200: ProfileView } } }, (req) => getProfile(staffContext(req), req.params.id));
  app.put('/api/support-offer/profiles/:id', { config: staff, schema: { params: Id, body: SaveProfileInput, response: { 200: z.object({ revision: z.number() }) } } }, (req) =>
    saveProfile(staffContext(req), req.params.id, req.body),
  );
  app.post('/api/support-offer/profiles/:id/publish', { config: staff, schema: { params: Id, body: PublishInput, response: { 200: z.object({ publishedAt: z.date() }) } } }, (req) =>
    publishProfile(staffContext(req), req.params.id, req.body),
  );
  app.put('/api/support-offer/profiles/:id/free-places', { config: staff, schema: { params: Id, body: FreePlacesInput, response: { 200: Ok } } }, (req) =>
    saveFreePlaces(staffContext(req), req.params.id, req.body),
  );
};
