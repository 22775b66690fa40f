import type { Db } from '../../db/index.ts';
import { insertRow, type Cols } from './row.ts';

/** Row builders for requests to the partnership and what hangs off them (see organisation.ts). */
type Tenant = { partnership_id: string };
type OfRequest = Tenant & { request_id: string };

export const arrangementKind = (db: Db, r: Tenant & Cols) =>
  insertRow(db, 'arrangement_kinds', { name: `Arrangement ${Math.random().toString(36).slice(2, 8)}`, offers: 'Begeleiding', scope: 'pupil', max_weeks: 26, evaluation_weeks: 10 }, r);

/** A request; a TLV asks for the vso unless told otherwise, and the creator is its last editor. */
export const request = (db: Db, r: Tenant & { school_id: string; created_by: string } & Cols) =>
  insertRow(db, 'requests', { kind: 'tlv', tlv_school_kind: (r.kind ?? 'tlv') === 'tlv' ? 'vso' : null, updated_by: r.created_by }, r);

export const requestAttachment = (db: Db, r: OfRequest & { item_type: string; item_id: string; added_by: string } & Cols) =>
  insertRow(db, 'request_attachments', { label: 'Bijlage', item_date: new Date().toISOString().slice(0, 10) }, r, ['snapshot']);

export const requestConsent = (db: Db, r: OfRequest & Cols) =>
  insertRow(db, 'request_consents', { signer: 'parent', signer_name: 'Ouder', decision: 'given', method: 'paper' }, r);

export const requestExpert = (db: Db, r: OfRequest & { expert_id: string; assigned_by: string } & Cols) =>
  insertRow(db, 'request_experts', { discipline: 'orthopedagoog' }, r, ['advice']);

export const requestDecision = (db: Db, r: OfRequest & { decided_by: string } & Cols) =>
  insertRow(db, 'request_decisions', { outcome: 'granted', motivation: 'Toegekend.', decided_on: new Date().toISOString().slice(0, 10) }, r);

export const requestMessage = (db: Db, r: OfRequest & { author_id: string; side: string } & Cols) =>
  insertRow(db, 'request_messages', { kind: 'message', body: 'Bericht' }, r);

export const tlv = (db: Db, r: OfRequest & { pupil_id: string; school_id: string; number: number; starts_on: string; ends_on: string } & Cols) =>
  insertRow(db, 'tlvs', { school_kind: 'vso' }, r);

export const arrangement = (db: Db, r: OfRequest & { school_id: string; starts_on: string; ends_on: string } & Cols) =>
  insertRow(db, 'arrangements', { kind: 'arrangement' }, r);
