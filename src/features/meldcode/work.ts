import { formatDay, today } from '../../platform/time.ts';
import type { WorkItem, WorkSource } from '../../platform/work.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { stepLabels } from './schema.ts';
import { logMeldcode } from './log.ts';
import { meldcodePolicy } from './policy.ts';

/**
 * Open meldcode files the reader keeps or was added to, so a colleague the
 * aandachtsfunctionaris added finds the file without a menu entry. The items
 * name no pupil for the audit log (subject.pupilId null): their reading goes
 * to the meldcode's own trail, like every other read of a file.
 */
const openFiles: WorkSource = {
  kind: 'meldcode.open',
  // Membership is in the data, not in the roles: every staff member is asked (one indexed lookup).
  applies: (p) => p.roles.length > 0,
  async read(o) {
    const rows = await o.db<{ id: string; schoolId: string; pupilName: string; openedAt: Date; lastStep: number | null }[]>`
      select m.id, m.school_id as "schoolId", ${o.db.unsafe(PUPIL_NAME)} as "pupilName", m.opened_at as "openedAt",
        (select e.step from meldcode_entries e where e.file_id = m.id order by e.happened_on desc, e.recorded_at desc limit 1) as "lastStep"
      from meldcode_files m join pupils p on p.id = m.pupil_id
      where m.closed_on is null and ${meldcodePolicy.scope(o.db, o.principal, 'read')}
      order by m.opened_at`;
    if (rows.length > 0) await logMeldcode(o.db, o.principal, 'meldcode.list', { details: { fileIds: rows.map((r) => r.id), via: 'work' } });
    const items = rows.map((r): WorkItem => ({
      kind: 'meldcode.open',
      title: `Meldcode: dossier van ${r.pupilName} staat open`,
      detail: `${r.lastStep ? `Laatst: ${stepLabels[r.lastStep as 1].toLowerCase()}` : 'Nog geen stap vastgelegd'}; geopend op ${formatDay(today(r.openedAt))}`,
      link: `/meldcode/${r.id}`,
      dueOn: null,
      urgency: 'later',
      subject: { entityType: 'meldcode', entityId: r.id, pupilId: null, schoolId: r.schoolId },
    }));
    return { items, count: items.length };
  },
};

export const meldcodeWork: WorkSource[] = [openFiles];
