import { today } from '../../platform/time.ts';
import { builder } from './row.ts';

/** Row builders for a pupil's dossier, support route and plan (see organisation.ts). */
type Tenant = { partnership_id: string };
type OfPupil = Tenant & { school_id: string; pupil_id: string };
type OfOpp = Tenant & { opp_id: string; version_id: string };

export const opp = builder<OfPupil & { created_by: string }>('opps', () => ({ kind: 'full' }));

export const oppVersion = builder<Tenant & { opp_id: string; updated_by: string }>('opp_versions', () => ({ number: 1, kind: 'full', content: {} }), ['content']);

export const oppEvaluation = builder<OfOpp & { created_by: string }>(
  'opp_evaluations', () => ({ held_on: today(), goal_results: [], measure_results: [], outcome: 'new_version' }), ['goal_results', 'measure_results']);

/** The parents' (or pupil's) answer to a version, on paper unless told otherwise. */
export const oppResponse = builder<OfOpp & { recorded_by: string | null }>('opp_responses', () => ({ signer: 'parent', signer_name: 'Ouder', decision: 'agree', method: 'paper' }));

export const oppConsultation = builder<OfOpp & { recorded_by: string }>('opp_consultations', () => ({ held_on: today(), participants: 'Ouders, mentor', notes: 'Besproken' }));

/** A document kept in the database, a tiny PDF unless told otherwise. */
export const document = builder<OfPupil & { uploaded_by: string }>('documents', () => ({ filename: 'verslag.pdf', mime_type: 'application/pdf', size_bytes: 4, sha256: 'abcd', storage: 'db', content: Buffer.from('%PDF') }));

/** Access to one medical document for one named member of staff. */
export const documentAccessGrant = builder<Tenant & { document_id: string; user_id: string; granted_by: string }>('document_access_grants');

export const logbookEntry = builder<OfPupil & { author_id: string }>('logbook_entries', () => ({ kind: 'observation', occurred_on: today(), body: 'Notitie' }));

/** A parent with parental authority unless told otherwise. */
export const pupilContact = builder<OfPupil & { name: string }>('pupil_contacts', () => ({ relation: 'ouder', parental_authority: true }));
export const pupilNeed = builder<OfPupil & { created_by: string }>('pupil_needs', () => ({ category: 'leren', description: 'Extra instructie' }));

export const handelingsadvies = builder<OfPupil & { created_by: string }>('handelingsadviezen', () => ({ advice: 'Geef instructie in kleine stappen', source: 'manual' }));

export const pupilStatusHistory = builder<Tenant & { pupil_id: string; changed_by: string }>('pupil_status_history', () => ({ field: 'support_level', old_value: 'basis', new_value: 'basisplus', reason: 'Leerlingbespreking' }));

export const kwadrantResult = builder<OfPupil>('kwadrant_results', () => ({ quadrant: 'kunnen', instrument: 'NIO', measured_on: today(), score: 'Gemiddeld' }));

export const signal = builder<OfPupil & { raised_by: string }>('signals', () => ({ note: 'Zorgen over de concentratie' }));

export const meetingKind = builder<Tenant & { school_id: string }>('meeting_kinds', () => ({ code: 'sot', name: 'Schoolondersteuningsteam' }));

export const meeting = builder<Tenant & { school_id: string; kind_id: string; created_by: string }>('meetings', () => ({ starts_at: new Date() }));

export const meetingAttendee = builder<Tenant & { meeting_id: string; user_id: string }>('meeting_attendees');

export const meetingItem = builder<Tenant & { meeting_id: string }>('meeting_items', () => ({ summary: 'Besproken' }));

export const meetingDecision = builder<Tenant & { item_id: string; pupil_id: string; kind: string; decided_by: string }>('meeting_decisions');

export const agreement = builder<Tenant & { school_id: string; owner_id: string; created_by: string }>('agreements', () => ({ what: 'Gesprek met de ouders plannen', due_on: today() }));

/** An upload of pupils, queued unless told otherwise; the file is kept in the row. */
export const importJob = builder<Tenant & { school_id: string; created_by: string }>(
  'import_jobs', () => ({ format: 'csv', filename: 'leerlingen.csv', file_sha256: 'abcd', file_content: Buffer.from('') }), ['errors', 'preview']);
