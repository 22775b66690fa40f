import { z } from 'zod';
import { roleNames } from '../../platform/access/roles.ts';
import { email } from '../../platform/http/schemas.ts';

export const RoleInput = z.object({
  role: z.enum(roleNames, 'Kies een rol.'),
  schoolId: z.uuid('Kies een school.').nullable(),
});
const rolesInput = z
  .array(RoleInput)
  .min(1, 'Geef minstens één rol.')
  .max(50)
  .refine((rs) => new Set(rs.map((r) => `${r.role}/${r.schoolId}`)).size === rs.length, 'Dezelfde rol staat er twee keer in.');

export const InviteInput = z.object({
  name: z.string().trim().min(2, 'Vul de naam in.').max(120, 'Hoogstens 120 tekens.'),
  email,
  roles: rolesInput,
});
export const RolesInput = z.object({ roles: z.array(RoleInput).max(50) });

export const StaffQuery = z.object({
  q: z.string().trim().max(100).optional(),
  schoolId: z.uuid().optional(),
  role: z.enum(roleNames).optional(),
  status: z.enum(['invited', 'active', 'deactivated']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const StaffRole = z.object({ role: z.string(), label: z.string(), schoolId: z.string().nullable(), schoolName: z.string().nullable() });
export const StaffMember = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.enum(['invited', 'active', 'deactivated']),
  mfaEnabled: z.boolean(),
  lastSignInAt: z.date().nullable(),
  roles: z.array(StaffRole),
  allowed: z.object({ editRoles: z.boolean(), deactivate: z.boolean(), reactivate: z.boolean(), resendInvitation: z.boolean() }),
});
export const StaffList = z.object({
  staff: z.array(StaffMember),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Roles the viewer may hand out, and where: drives the invite form. */
  assignable: z.array(z.object({ role: z.string(), label: z.string(), schoolIds: z.array(z.string()).nullable() })),
});
