/**
 * The staff roles of a partnership and its schools: each has an account.
 * Parents, pupils and chain partners reach their one plan or case by link, not
 * by a role here.
 *
 * scope 'school': assigned per school; 'partnership': for the whole partnership.
 */
export const roles = {
  mentor: { label: 'Mentor / docent', scope: 'school' },
  oco: { label: 'Ondersteuningscoördinator (OCO / IB)', scope: 'school' },
  schoolleider: { label: 'Schoolleider / teamleider', scope: 'school' },
  ondersteuner: { label: 'Ondersteuningsteam (SMW, SVK, BPO, orthopedagoog)', scope: 'school' },
  school_admin: { label: 'Schoolbeheerder', scope: 'school' },
  // Named for the meldcode huiselijk geweld en kindermishandeling (Wet verplichte meldcode): opens and keeps its files.
  aandachtsfunctionaris: { label: 'Aandachtsfunctionaris (meldcode)', scope: 'school' },
  swv_consultant: { label: 'Consulent / loket SWV', scope: 'partnership' },
  swv_expert: { label: 'Deskundige (commissie van advies)', scope: 'partnership' },
  swv_director: { label: 'Directeur SWV', scope: 'partnership' },
  // Staff the director mandates to decide on requests (e.g. the chair of the allocation committee).
  swv_decider: { label: 'Besluitnemer SWV (gemandateerd)', scope: 'partnership' },
  swv_admin: { label: 'Beheerder SWV', scope: 'partnership' },
  privacy_officer: { label: 'Privacyfunctionaris', scope: 'partnership' },
} as const satisfies Record<string, { label: string; scope: 'school' | 'partnership' }>;

export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as [Role, ...Role[]];
export const schoolRoles = roleNames.filter((r) => roles[r].scope === 'school');
export const partnershipRoles = roleNames.filter((r) => roles[r].scope === 'partnership');

/**
 * Every staff role can reach pupil data or people's data (admins see who works
 * where; the privacy officer sees the audit log), so every role must use a
 * second factor. Kept as a function so a future role without such reach is a
 * one-line change.
 */
export const roleRequiresMfa = (_role: Role): boolean => true;
