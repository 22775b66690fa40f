import type { Db } from '../../db/index.ts';
import { insertRow, type Cols } from './row.ts';

/** Row builders for a pupil's dossier and plan (see organisation.ts). */
type OfPupil = { partnership_id: string; school_id: string; pupil_id: string };

export const opp = (db: Db, r: OfPupil & { created_by: string } & Cols) => insertRow(db, 'opps', { kind: 'full' }, r);

export const oppVersion = (db: Db, r: { partnership_id: string; opp_id: string; updated_by: string } & Cols) =>
  insertRow(db, 'opp_versions', { number: 1, kind: 'full', content: {} }, r, ['content']);

export const oppEvaluation = (db: Db, r: { partnership_id: string; opp_id: string; version_id: string; created_by: string } & Cols) =>
  insertRow(db, 'opp_evaluations', { held_on: new Date().toISOString().slice(0, 10), goal_results: [], measure_results: [], outcome: 'new_version' }, r, ['goal_results', 'measure_results']);

/** A document kept in the database, a tiny PDF unless told otherwise. */
export const document = (db: Db, r: OfPupil & { uploaded_by: string } & Cols) =>
  insertRow(db, 'documents', { filename: 'verslag.pdf', mime_type: 'application/pdf', size_bytes: 4, sha256: 'abcd', storage: 'db', content: Buffer.from('%PDF') }, r);

export const meetingKind = (db: Db, r: { partnership_id: string; school_id: string } & Cols) =>
  insertRow(db, 'meeting_kinds', { code: 'sot', name: 'Schoolondersteuningsteam' }, r);

export const meeting = (db: Db, r: { partnership_id: string; school_id: string; kind_id: string; created_by: string } & Cols) =>
  insertRow(db, 'meetings', { starts_at: new Date() }, r);

export const meetingItem = (db: Db, r: { partnership_id: string; meeting_id: string } & Cols) => insertRow(db, 'meeting_items', { summary: 'Besproken' }, r);

export const logbookEntry = (db: Db, r: OfPupil & { author_id: string } & Cols) =>
  insertRow(db, 'logbook_entries', { kind: 'observation', occurred_on: new Date().toISOString().slice(0, 10), body: 'Notitie' }, r);

export const signal = (db: Db, r: OfPupil & { raised_by: string } & Cols) => insertRow(db, 'signals', { note: 'Zorgen over de concentratie' }, r);

export const agreement = (db: Db, r: { partnership_id: string; school_id: string; owner_id: string; created_by: string; due_on: string } & Cols) =>
  insertRow(db, 'agreements', { what: 'Gesprek met de ouders plannen' }, r);

export const handelingsadvies = (db: Db, r: OfPupil & { created_by: string } & Cols) =>
  insertRow(db, 'handelingsadviezen', { advice: 'Geef instructie in kleine stappen', source: 'manual' }, r);
