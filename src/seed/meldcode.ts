import type { Db } from '../db/index.ts';
import { addDays, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

/**
 * One meldcode file at the partnership's first school (seed 002 §6.5): the
 * aandachtsfunctionaris (aandacht.s1) opened it two weeks ago, mapped the
 * signals and consulted a colleague, and added the school's ondersteuner.
 * Its opening and reads are in the meldcode's own trail, as the app writes them.
 */
export async function seedMeldcode(tx: Db, partnershipId: string): Promise<void> {
  const [officer] = await tx<{ userId: string; schoolId: string }[]>`
    select r.user_id as "userId", r.school_id as "schoolId" from role_assignments r join users u on u.id = r.user_id
    where r.partnership_id = ${partnershipId} and r.role = 'aandachtsfunctionaris' order by u.email limit 1`;
  if (!officer) return;
  const [colleague] = await tx<{ id: string }[]>`
    select r.user_id as id from role_assignments r join users u on u.id = r.user_id
    where r.school_id = ${officer.schoolId} and r.role = 'ondersteuner' order by u.email limit 1`;
  const [pupil] = await tx<{ id: string }[]>`select id from pupils where school_id = ${officer.schoolId} order by student_number desc limit 1`;
  if (!pupil) return;
  const day = today();
  const file = await rows.meldcodeFile(tx, { partnership_id: partnershipId, school_id: officer.schoolId, pupil_id: pupil.id, opened_by: officer.userId, opened_at: new Date(`${addDays(day, -14)}T09:00:00Z`) });
  const entry = (step: number, daysAgo: number, notes: string) =>
    rows.meldcodeEntry(tx, { partnership_id: partnershipId, file_id: file.id, step, happened_on: addDays(day, -daysAgo), notes, recorded_by: officer.userId });
  await entry(1, 14, 'Mentor meldt blauwe plekken op de onderarm; de leerling zegt dat ze is gevallen. Tweede keer deze maand. Leerling is stil en wil na school niet naar huis.');
  await entry(2, 10, 'Overlegd met de schoolmaatschappelijk werker en anoniem advies gevraagd aan Veilig Thuis: eerst een gesprek met de leerling, daarna met de ouders.');
  if (colleague) await rows.meldcodeMember(tx, { partnership_id: partnershipId, file_id: file.id, user_id: colleague.id, added_by: officer.userId });
  await rows.meldcodeLog.many(tx, [
    { partnership_id: partnershipId, actor_user_id: officer.userId, action: 'meldcode.open', file_id: file.id, school_id: officer.schoolId, details: {} },
    { partnership_id: partnershipId, actor_user_id: officer.userId, action: 'meldcode.record', file_id: file.id, school_id: officer.schoolId, details: { step: 1 } },
    { partnership_id: partnershipId, actor_user_id: officer.userId, action: 'meldcode.record', file_id: file.id, school_id: officer.schoolId, details: { step: 2 } },
  ]);
}
