import type { Role } from './roles.ts';

declare const tenantBrand: unique symbol;

/**
 * The tenant a request acts in. Only the auth gate (platform/http) creates one,
 * so a data function that takes a TenantScope cannot be called for a tenant
 * the user does not belong to.
 */
export type TenantScope = { readonly partnershipId: string } & { readonly [tenantBrand]: true };

export const createTenantScope = (partnershipId: string): TenantScope =>
  ({ partnershipId }) as TenantScope;

export interface RoleAssignment {
  role: Role;
  /** null: for the whole partnership. */
  schoolId: string | null;
}

/** The signed-in staff member, as the policy layer sees them. */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  scope: TenantScope;
  roles: RoleAssignment[];
  /** Classes the user teaches or mentors (scope "own classes"). */
  classIds: string[];
}

export const hasPartnershipRole = (p: Principal, ...roles: Role[]): boolean =>
  p.roles.some((a) => a.schoolId === null && roles.includes(a.role));

export const hasSchoolRole = (p: Principal, schoolId: string, ...roles: Role[]): boolean =>
  p.roles.some((a) => a.schoolId === schoolId && roles.includes(a.role));

/** The schools where the user holds any of the roles. */
export const schoolsWithRole = (p: Principal, ...roles: Role[]): string[] => [
  ...new Set(p.roles.filter((a) => a.schoolId !== null && roles.includes(a.role)).map((a) => a.schoolId!)),
];

/** The principal of a signed-in session (the session query loads roles and classes with it). */
export const principalOf = (s: { userId: string; name: string; email: string; partnershipId: string; roles: RoleAssignment[]; classIds: string[] }): Principal => ({
  userId: s.userId,
  name: s.name,
  email: s.email,
  scope: createTenantScope(s.partnershipId),
  roles: s.roles,
  classIds: s.classIds,
});
