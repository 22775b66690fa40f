import { transaction, type Sql, type Tx } from '../../db/index.ts';
import { queueMail } from '../../platform/mail.ts';
import { addWeeks, formatDay, today } from '../../platform/time.ts';
import { EVALUATION_REMINDER_WEEKS } from './deadlines.ts';
import { missingOf, planClocks, pupilsWithoutPlan, statusOf } from './overview.ts';

export const OPP_REMINDER_JOB = 'plans.opp-reminders';
/** Every school day at 07:15 Dutch time (after the support route's 07:00 run, so the two do not start together). */
export const OPP_REMINDER_CRON = '15 7 * * 1-5';

interface Recipient {
  id: string;
  partnershipId: string;
  email: string;
  name: string;
}

/**
 * Claims a reminder for one person about one thing. `once`: ever (an
 * evaluation date is announced once); otherwise once per day. True when this
 * run may mail it; a second run the same day (a retry, another process)
 * finds the row and stays silent.
 */
async function claim(tx: Tx, user: Recipient, key: string, day: string, once: boolean): Promise<boolean> {
  if (once) {
    const [seen] = await tx`select 1 from opp_reminders_sent where user_id = ${user.id} and subject_key = ${key}`;
    if (seen) return false;
  }
  const rows = await tx`
    insert into opp_reminders_sent (partnership_id, user_id, subject_key, sent_on) values (${user.partnershipId}, ${user.id}, ${key}, ${day})
    on conflict (user_id, subject_key, sent_on) do nothing returning id`;
  return rows.length === 1;
}

/** First name and class: enough to know which plan, and no more pupil data in a mail than that. */
const who = (firstName: string, className: string | null) => (className ? `${firstName} (${className})` : firstName);

/**
 * The daily OPP reminders, through the job queue (never at page load):
 * - the author of the plan in force (who last updated the current version;
 *   else the case manager) 2 weeks before an evaluation date;
 * - the school's OCOs about plans that are overdue (evaluation date passed,
 *   parents without an answer for 4 weeks) and pupils of a pro/vso/so/sbo
 *   school still without an OPP 6 weeks after placement.
 * Mail is not a safe channel for pupil data: first name and class, and a link.
 */
export async function sendOppReminders(sql: Sql, publicUrl: string, o: { partnershipId?: string } = {}, now = new Date()): Promise<{ authors: number; ocos: number }> {
  const day = today(now);
  const soon = addWeeks(day, EVALUATION_REMINDER_WEEKS);
  return transaction(sql, async (tx) => {
    const plans = (await planClocks(tx, { openOnly: true, partnershipId: o.partnershipId })).map((r) => ({ ...r, clock: statusOf(r, day) }));
    const missing = (await pupilsWithoutPlan(tx, { partnershipId: o.partnershipId })).map((m) => ({ row: m, m: missingOf(m, day) })).filter((x) => x.m.reason === 'special_school' && x.m.overdue);

    const userIds = [...new Set(plans.flatMap((p) => [p.authorId, p.caseManager?.id].filter((x): x is string => !!x)))];
    const active = new Map(
      (await tx<Recipient[]>`select id, partnership_id as "partnershipId", email, name from users where id = any(${userIds}::uuid[]) and status = 'active'`).map((u) => [u.id, u]),
    );

    // 1. The author: an evaluation within the next two weeks.
    const byAuthor = new Map<string, { user: Recipient; lines: string[] }>();
    for (const p of plans) {
      const due = p.clock.dueOn;
      if (!p.agreedOn || !due || due <= day || due > soon) continue;
      const user = active.get(p.authorId) ?? (p.caseManager ? active.get(p.caseManager.id) : undefined);
      if (!user || !(await claim(tx, user, `evaluation:${p.id}:${due}`, day, true))) continue;
      const entry = byAuthor.get(user.id) ?? { user, lines: [] };
      entry.lines.push(`- ${who(p.firstName, p.className)}: evaluatie op ${formatDay(due)}\n  ${publicUrl}/opp/${p.id}`);
      byAuthor.set(user.id, entry);
    }
    for (const { user, lines } of byAuthor.values()) {
      await queueMail(tx, {
        to: user.email,
        subject: `Leerrecht: ${lines.length === 1 ? 'een OPP-evaluatie' : `${lines.length} OPP-evaluaties`} binnen twee weken`,
        text: `Beste ${user.name},\n\nBinnen twee weken ${lines.length === 1 ? 'staat de evaluatie van dit ontwikkelingsperspectiefplan' : 'staan de evaluaties van deze ontwikkelingsperspectiefplannen'} gepland. Plan het gesprek met de ouders (en de leerling):\n\n${lines.join('\n')}\n\nDit bericht bevat bewust alleen de voornaam en de klas.`,
      });
    }

    // 2. The OCOs: overdue plans and pupils of a special school without a plan, one mail per school a day.
    const items = new Map<string, { key: string; line: string }[]>();
    const add = (schoolId: string, key: string, line: string) => items.set(schoolId, [...(items.get(schoolId) ?? []), { key, line }]);
    for (const p of plans) {
      if (p.clock.status !== 'overdue') continue;
      const why = p.clock.reason === 'answer' ? `de ouders hebben na 4 weken nog niet gereageerd` : `de evaluatie stond op ${formatDay(p.clock.dueOn!)}`;
      add(p.schoolId, `overdue:${p.id}`, `- ${who(p.firstName, p.className)}: OPP te laat, ${why}\n  ${publicUrl}/opp/${p.id}`);
    }
    for (const { row, m } of missing) {
      add(row.schoolId, `missing:${row.pupilId}`, `- ${who(row.firstName, row.className)}: nog geen OPP, geplaatst op ${formatDay(m.since)} (uiterlijk ${formatDay(m.dueOn)})`);
    }
    let ocos = 0;
    if (items.size > 0) {
      const ocoRows = await tx<(Recipient & { schoolId: string; school: string })[]>`
        select u.id, u.partnership_id as "partnershipId", u.email, u.name, r.school_id as "schoolId", s.name as school
        from role_assignments r join users u on u.id = r.user_id and u.status = 'active' join schools s on s.id = r.school_id
        where r.role = 'oco' and r.school_id = any(${[...items.keys()]}::uuid[]) order by s.name, u.email`;
      for (const oco of ocoRows) {
        const lines: string[] = [];
        for (const it of items.get(oco.schoolId) ?? []) if (await claim(tx, oco, it.key, day, false)) lines.push(it.line);
        if (lines.length === 0) continue;
        ocos++;
        await queueMail(tx, {
          to: oco.email,
          subject: `Leerrecht: ${lines.length === 1 ? '1 OPP vraagt' : `${lines.length} OPP's vragen`} aandacht op ${oco.school}`,
          text: `Beste ${oco.name},\n\nOp ${oco.school} ${lines.length === 1 ? 'is dit ontwikkelingsperspectiefplan' : 'zijn deze ontwikkelingsperspectiefplannen'} te laat of nog niet gemaakt:\n\n${lines.join('\n')}\n\nHet overzicht: ${publicUrl}/opp?school=${oco.schoolId}\n\nDit bericht bevat bewust alleen de voornaam en de klas.`,
        });
      }
    }
    return { authors: byAuthor.size, ocos };
  });
}
