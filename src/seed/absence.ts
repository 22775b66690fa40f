import type { Db } from '../db/index.ts';
import { schoolCalendar, schoolYearBounds } from '../platform/calendar/school-calendar.ts';
import * as rows from './factories/index.ts';

/**
 * Every school's calendar: the holiday region of its town (Overijssel is
 * noord; Hattem, in Gelderland north of the rivers, midden) and two study
 * days in the school year, on the first school day of October and of March.
 */
export async function seedSchoolCalendars(db: Db, partnershipId: string, schoolYear: string) {
  const schools = await db<{ id: string; city: string }[]>`
    select s.id, coalesce(min(l.city), '') as city from schools s left join school_locations l on l.school_id = s.id
    where s.partnership_id = ${partnershipId} group by s.id`;
  const { from } = schoolYearBounds(schoolYear);
  const start = Number(from.slice(0, 4));
  const freeDays: { partnership_id: string; school_id: string; day: string; label: string }[] = [];
  for (const s of schools) {
    const region = s.city === 'Hattem' ? 'midden' : 'noord';
    await db`update schools set holiday_region = ${region} where id = ${s.id}`;
    const cal = schoolCalendar({ region, freeDays: [] });
    for (const first of [`${start}-10-01`, `${start + 1}-03-01`]) {
      const day = cal.isSchoolDay(first) ? first : cal.nextSchoolDay(first);
      freeDays.push({ partnership_id: partnershipId, school_id: s.id, day, label: 'Studiedag' });
    }
  }
  if (freeDays.length) await rows.schoolFreeDay.many(db, freeDays);
  return { schools: schools.length };
}
