import type { Sql } from '../../db/index.ts';
import { queueMail } from '../../platform/mail.ts';
import { today } from '../../platform/time.ts';
import { transaction } from '../../db/index.ts';

export const OVERDUE_REMINDER_JOB = 'support-route.overdue-reminders';
/** Every school day morning at 07:00 Dutch time (the job queue's cron runs in Europe/Amsterdam). */
export const OVERDUE_REMINDER_CRON = '0 7 * * 1-5';

/**
 * The daily reminder: each owner of overdue agreements gets one mail, and
 * each OCO one mail per school with overdue agreements. Mail is not a safe
 * channel for pupil data, so the mails give counts and a link, never names.
 */
export async function sendOverdueReminders(sql: Sql, publicUrl: string, now = new Date()): Promise<{ owners: number; ocos: number }> {
  const day = today(now);
  return transaction(sql, async (tx) => {
    const owners = await tx<{ email: string; name: string; n: number; oldest: string }[]>`
      select u.email, u.name, count(*)::int as n, min(a.due_on) as oldest
      from agreements a join users u on u.id = a.owner_id
      where a.done_at is null and a.due_on < ${day}::date and u.status = 'active'
      group by u.id, u.email, u.name order by u.email`;
    for (const o of owners) {
      await queueMail(tx, {
        to: o.email,
        subject: `Leerrecht: ${o.n === 1 ? '1 actie is' : `${o.n} acties zijn`} over de streefdatum`,
        text: `Beste ${o.name},\n\n${o.n === 1 ? 'Eén afspraak' : `${o.n} afspraken`} uit een overleg ${o.n === 1 ? 'staat' : 'staan'} nog open terwijl de streefdatum voorbij is (de oudste: ${o.oldest}).\nBekijk ze en meld ze klaar als ze gedaan zijn:\n\n${publicUrl}/ondersteuning/mijn-acties\n\nDit bericht bevat bewust geen namen van leerlingen.`,
      });
    }
    const ocos = await tx<{ email: string; name: string; school: string; schoolId: string; n: number }[]>`
      select u.email, u.name, s.name as school, s.id as "schoolId", x.n
      from (select school_id, count(*)::int as n from agreements where done_at is null and due_on < ${day}::date group by school_id) x
      join schools s on s.id = x.school_id
      join role_assignments r on r.school_id = s.id and r.role = 'oco'
      join users u on u.id = r.user_id and u.status = 'active'
      order by s.name, u.email`;
    for (const o of ocos) {
      await queueMail(tx, {
        to: o.email,
        subject: `Leerrecht: ${o.n} verlopen ${o.n === 1 ? 'afspraak' : 'afspraken'} op ${o.school}`,
        text: `Beste ${o.name},\n\nOp ${o.school} ${o.n === 1 ? 'staat 1 afspraak' : `staan ${o.n} afspraken`} uit overleggen nog open na de streefdatum.\nHet overzicht:\n\n${publicUrl}/ondersteuning/afspraken?school=${o.schoolId}&status=overdue\n\nDit bericht bevat bewust geen namen van leerlingen.`,
      });
    }
    return { owners: owners.length, ocos: ocos.length };
  });
}
