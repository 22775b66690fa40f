import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { insertRow, type Cols } from './row.ts';

/**
 * Row builders for the organisation: one function per table, taking the
 * connection and the columns that matter (SQL names), filling the rest with
 * plain defaults. Used by the tests, the demo seed and the bench.
 */
const uniq = () => randomUUID().slice(0, 8);
type Tenant = { partnership_id: string };

export const partnership = (db: Db, r: Cols = {}) =>
  insertRow(db, 'partnerships', { name: `SWV ${uniq()}`, sector: 'vo', registration_number: `VO${uniq()}` }, r, ['settings']);

export const board = (db: Db, r: Tenant & Cols) =>
  insertRow(db, 'boards', { name: `Bestuur ${uniq()}`, board_number: String(10000 + Number.parseInt(uniq().slice(0, 4), 16) % 89999) }, r);

export const school = (db: Db, r: Tenant & { board_id: string; brin: string } & Cols) =>
  insertRow(db, 'schools', { name: `School ${uniq()}`, kind: 'vo', levels: ['havo', 'vwo'] }, r);

export const user = (db: Db, r: Tenant & { email: string } & Cols) =>
  insertRow(db, 'users', { name: `Medewerker ${uniq()}`, status: 'active' }, r);

export const roleAssignment = (db: Db, r: Tenant & { user_id: string; role: string; school_id: string | null } & Cols) =>
  insertRow(db, 'role_assignments', {}, r);

export const klass = (db: Db, r: Tenant & { school_id: string } & Cols) =>
  insertRow(db, 'classes', { name: `2H${uniq()}`, school_year: '2026-2027', level: 'havo', year_group: 2 }, r);

export const classStaff = (db: Db, r: Tenant & { class_id: string; user_id: string } & Cols) =>
  insertRow(db, 'class_staff', { is_mentor: true }, r);

export const pupil = (db: Db, r: Tenant & { school_id: string } & Cols) =>
  insertRow(db, 'pupils', { student_number: uniq(), first_name: 'Sam', last_name: `Jansen-${uniq()}`, birth_date: '2013-05-04' }, r);

export const enrolment = (db: Db, r: Tenant & { pupil_id: string; school_id: string } & Cols) =>
  insertRow(db, 'enrolments', { start_date: '2025-08-18' }, r);
