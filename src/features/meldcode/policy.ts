import { inIds } from '../../db/index.ts';
import { definePolicy, partnershipRole, schoolRole, anyOf } from '../../platform/access/policy.ts';
import { schoolsWithRole } from '../../platform/access/principal.ts';

/** A meldcode file as the policy sees it: its school, the colleagues added to it, and whether it is closed. */
export interface MeldcodeResource {
  schoolId: string | null;
  memberIds: readonly string[];
  closed: boolean;
}

const officer = schoolRole<MeldcodeResource>('aandachtsfunctionaris');
const member = (p: { userId: string }, r: MeldcodeResource) => r.memberIds.includes(p.userId);

/**
 * The meldcode on need-to-know (Wet verplichte meldcode; AVG art. 9): the
 * school's aandachtsfunctionaris opens a file and adds the colleagues who
 * need it; those few read it and record its steps. Nobody else, not the OCO,
 * the school leader or the partnership, learns that a file exists: whoever
 * may not read it gets 404, whatever they ask. The privacy officer exports
 * the meldcode's own trail (who did what, ids only), never its contents.
 */
export const meldcodePolicy = definePolicy<MeldcodeResource, 'read' | 'open' | 'record' | 'manageMembers' | 'close' | 'exportLog'>(
  'meldcode',
  {
    read: anyOf(officer, member),
    open: officer,
    record: anyOf(officer, member),
    manageMembers: officer,
    close: officer,
    exportLog: partnershipRole('privacy_officer'),
  },
  {
    notNow: {
      record: (r) => (r.closed ? 'Dit dossier is gesloten. Open een nieuw dossier als er opnieuw zorgen zijn.' : null),
      manageMembers: (r) => (r.closed ? 'Dit dossier is gesloten: er kunnen geen collega’s meer bij.' : null),
      close: (r) => (r.closed ? 'Dit dossier is al gesloten.' : null),
    },
    scopes: {
      // Over `meldcode_files m`: the files of the schools where the reader is aandachtsfunctionaris, and the files they were added to.
      read: (db, p) => db`(${inIds(db, 'm.school_id', schoolsWithRole(p, 'aandachtsfunctionaris'))}
        or exists (select 1 from meldcode_members mm where mm.file_id = m.id and mm.user_id = ${p.userId} and mm.removed_at is null))`,
    },
  },
);
