import { builder } from './row.ts';

/** Row builders for the meldcode (see organisation.ts). */
type Tenant = { partnership_id: string };

export const meldcodeFile = builder<Tenant & { school_id: string; pupil_id: string; opened_by: string }>('meldcode_files');
export const meldcodeMember = builder<Tenant & { file_id: string; user_id: string; added_by: string }>('meldcode_members');
export const meldcodeEntry = builder<Tenant & { file_id: string; step: number; happened_on: string; recorded_by: string }>('meldcode_entries', () => ({ notes: 'Signalen besproken.' }));
export const meldcodeLog = builder<Tenant & { actor_user_id: string; action: string }>('meldcode_log', () => ({}), ['details']);
