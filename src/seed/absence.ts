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

/**
 * Absence at the first school, relative to today so the rules always have
 * something to say in the demo: a pupil past the 16 hours (a report due),
 * one near them (early warning), one reported sick four times, one who has
 * not been at school for six school weeks (a thuiszitter), and scattered
 * authorised absence and late arrivals for others.
 */
export async function seedAbsence(db: Db, partnershipId: string, today: string) {
  const [school] = await db<{ id: string; region: 'noord' | 'midden' | 'zuid' | null }[]>`
    select id, holiday_region as region from schools where partnership_id = ${partnershipId} order by name limit 1`;
  if (!school) return { records: 0 };
  const pupils = await db<{ id: string }[]>`select id from pupils where school_id = ${school.id} order by last_name, first_name limit 12`;
  if (pupils.length < 5) return { records: 0 };
  const free = await db<{ day: string; label: string }[]>`select to_char(day, 'YYYY-MM-DD') as day, label from school_free_days where school_id = ${school.id}`;
  const cal = schoolCalendar({ region: school.region, freeDays: free });
  const back = (n: number) => {
    const out: string[] = [];
    for (let d = cal.previousSchoolDay(today); out.length < n; d = cal.previousSchoolDay(d)) out.unshift(d);
    return out;
  };
  const recent = back(60);
  type Row = { partnership_id: string; school_id: string; pupil_id: string; day: string; kind: string; hours: number; whole_day: boolean; reason: string };
  const rows_: Row[] = [];
  const add = (pupil: string, day: string, kind: string, hours: number, wholeDay = false, reason = '') =>
    rows_.push({ partnership_id: partnershipId, school_id: school.id, pupil_id: pupil, day, kind, hours, whole_day: wholeDay, reason });
  const [over, near, sick, home, ...others] = pupils.map((p) => p.id) as [string, string, string, string, ...string[]];
  // 18 hours unauthorised in the last two school weeks: a report is due.
  for (const d of recent.slice(-9, -3)) add(over, d, 'ongeoorloofd', 3, false, 'Niet verschenen');
  // 12 hours: the early warning.
  for (const d of recent.slice(-8, -5)) add(near, d, 'ongeoorloofd', 4, false, 'Spijbelen');
  add(near, recent.at(-2)!, 'te_laat', 0.25);
  // Four sick reports of a day or two in the last weeks.
  for (const i of [-50, -35, -20, -6]) {
    add(sick, recent.at(i)!, 'ziek', 6, true, 'Buikpijn');
    if (i === -20) add(sick, recent.at(i + 1)!, 'ziek', 6, true, 'Buikpijn');
  }
  // Whole days away for the last 30 school days: more than 4 school weeks.
  for (const d of recent.slice(-30)) add(home, d, 'ongeoorloofd', 6, true, 'Wil niet naar school');
  for (const [i, p] of others.entries()) {
    add(p, recent.at(-1 - 7 * i)!, 'geoorloofd', 2, false, 'Tandarts');
    if (i % 2 === 0) add(p, recent.at(-3 - 5 * i)!, 'te_laat', 0.5);
  }
  await rows.absence.many(db, rows_);
  return { records: rows_.length };
}
