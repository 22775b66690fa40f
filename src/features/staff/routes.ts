import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffContext } from '../../platform/http/context.ts';
import { Created as Done, Id } from '../../platform/http/schemas.ts';
import { inviteStaff, resendInvitation, setActive, setRoles } from './commands.ts';
import { getStaffMember, listStaff } from './queries.ts';
import { InviteInput, RolesInput, StaffList, StaffMember, StaffQuery } from './schema.ts';

const staff = { auth: 'staff' } as const;

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/staff', { config: staff, schema: { querystring: StaffQuery, response: { 200: StaffList } } }, (req) => listStaff(staffContext(req), req.query));
  app.post('/api/staff', { config: staff, schema: { body: InviteInput, response: { 200: Done } } }, (req) => inviteStaff(staffContext(req), req.body));
  app.get('/api/staff/:id', { config: staff, schema: { params: Id, response: { 200: StaffMember } } }, (req) => getStaffMember(staffContext(req), req.params.id));
  app.put('/api/staff/:id/roles', { config: staff, schema: { params: Id, body: RolesInput, response: { 200: Done } } }, (req) =>
    setRoles(staffContext(req), req.params.id, req.body.roles),
  );
  app.post('/api/staff/:id/deactivate', { config: staff, schema: { params: Id, response: { 200: Done } } }, (req) => setActive(staffContext(req), req.params.id, false));
  app.post('/api/staff/:id/reactivate', { config: staff, schema: { params: Id, response: { 200: Done } } }, (req) => setActive(staffContext(req), req.params.id, true));
  app.post('/api/staff/:id/invitation', { config: staff, schema: { params: Id, response: { 200: Done } } }, (req) => resendInvitation(staffContext(req), req.params.id));
};
