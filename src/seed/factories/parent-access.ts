import { builder } from './row.ts';

/**
 * A parent's link to an OPP version or a request (see organisation.ts): the
 * hash of its token as stored, valid for a week unless told otherwise.
 */
export const parentLink = builder<{ partnership_id: string; subject_kind: 'opp' | 'request'; subject_id: string; token_hash: string; email: string; created_by: string }>(
  'parent_links', () => ({ signer: 'parent', name: 'Ouder', expires_at: new Date(Date.now() + 7 * 86_400_000) }));
