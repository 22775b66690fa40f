import { randomUUID } from 'node:crypto';
import { builder } from './row.ts';

/**
 * Row builders for the organisation: one per table, taking the connection
 * and the columns that matter (SQL names), filling the rest with plain
 * defaults. Used by the tests, the demo seed and the bench.
 */
const uniq = () => randomUUID().slice(0, 8);
type Tenant = { partnership_id: string };

export const partnership = builder('partnerships', () => ({ name: `SWV ${uniq()}`, sector: 'vo', registration_number: `VO${uniq()}` }), ['settings']);

export const board = builder<Tenant>('boards', () => ({ name: `Bestuur ${uniq()}`, board_number: String(10000 + Number.parseInt(uniq().slice(0, 4), 16) % 89999) }));

export const school = builder<Tenant & { board_id: string; brin: string }>('schools', () => ({ name: `School ${uniq()}`, kind: 'vo', levels: ['havo', 'vwo'] }));

export const schoolLocation = builder<Tenant & { school_id: string }>('school_locations', () => ({ name: 'Hoofdlocatie' }));

export const user = builder<Tenant & { email: string }>('users', () => ({ name: `Medewerker ${uniq()}`, status: 'active' }));

export const roleAssignment = builder<Tenant & { user_id: string; role: string; school_id: string | null }>('role_assignments');

/** A sign-in provider; its client secret as stored, so sealed by the caller (platform/secrets.ts). */
export const oidcProvider = builder<Tenant & { client_secret: string }>('oidc_providers', () => ({ label: `Entree ${uniq()}`, issuer: 'https://idp.example.nl', client_id: 'leerrecht' }));

export const klass = builder<Tenant & { school_id: string }>('classes', () => ({ name: `2H${uniq()}`, school_year: '2026-2027', level: 'havo', year_group: 2 }));

export const classStaff = builder<Tenant & { class_id: string; user_id: string }>('class_staff', () => ({ is_mentor: true }));

export const pupil = builder<Tenant & { school_id: string }>('pupils', () => ({ student_number: uniq(), first_name: 'Sam', last_name: `Jansen-${uniq()}`, birth_date: '2013-05-04' }));

export const enrolment = builder<Tenant & { pupil_id: string; school_id: string }>('enrolments', () => ({ start_date: '2025-08-18' }));

/** A school's own day without lessons (a study day). */
export const schoolFreeDay = builder<Tenant & { school_id: string; day: string }>('school_free_days', () => ({ label: 'Studiedag' }));
