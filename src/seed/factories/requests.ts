import { today } from '../../platform/time.ts';
import { builder } from './row.ts';

/** Row builders for requests to the partnership and what hangs off them (see organisation.ts). */
type Tenant = { partnership_id: string };
type OfRequest = Tenant & { request_id: string };

export const arrangementKind = builder<Tenant>(
  'arrangement_kinds', () => ({ name: `Arrangement ${Math.random().toString(36).slice(2, 8)}`, offers: 'Begeleiding', scope: 'pupil', max_weeks: 26, evaluation_weeks: 10 }));

/** A request; a TLV asks for the vso unless told otherwise, and the creator is its last editor. */
export const request = builder<Tenant & { school_id: string; created_by: string }>(
  'requests', (r) => ({ kind: 'tlv', tlv_school_kind: (r.kind ?? 'tlv') === 'tlv' ? 'vso' : null, updated_by: r.created_by }));

export const requestAttachment = builder<OfRequest & { item_type: string; item_id: string; added_by: string }>(
  'request_attachments', () => ({ label: 'Bijlage', item_date: today() }), ['snapshot']);

export const requestConsent = builder<OfRequest>('request_consents', () => ({ signer: 'parent', signer_name: 'Ouder', decision: 'given', method: 'paper' }));

export const requestExpert = builder<OfRequest & { expert_id: string; assigned_by: string }>('request_experts', () => ({ discipline: 'orthopedagoog' }), ['advice']);

export const requestDecision = builder<OfRequest & { decided_by: string }>(
  'request_decisions', () => ({ outcome: 'granted', motivation: 'Toegekend.', decided_on: today() }));

export const requestMessage = builder<OfRequest & { author_id: string; side: string }>('request_messages', () => ({ kind: 'message', body: 'Bericht' }));

export const requestObjection = builder<OfRequest & { recorded_by: string }>(
  'request_objections', () => ({ lodged_on: today(), lodged_by: 'Ouders', grounds: 'De ouders zijn het niet eens met het besluit.' }));

export const tlv = builder<OfRequest & { pupil_id: string; school_id: string; number: number; starts_on: string; ends_on: string }>('tlvs', () => ({ school_kind: 'vso' }));

export const arrangement = builder<OfRequest & { school_id: string; starts_on: string; ends_on: string }>('arrangements', () => ({ kind: 'arrangement' }));
