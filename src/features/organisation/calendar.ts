import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { COVERED_SCHOOL_YEARS, publicHolidays, schoolHolidays, type HolidayRegion } from '../../platform/calendar/holidays.ts';
import { schoolCalendar, schoolYearBounds, schoolYearOfDay, type SchoolCalendar } from '../../platform/calendar/school-calendar.ts';
import { audit } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today, weekdayOf } from '../../platform/time.ts';
import { schoolPolicy } from './policy.ts';
import type { CalendarInput, CalendarView } from './schema.ts';

interface CalendarRow {
  schoolId: string;
  region: HolidayRegion | null;
}

/**
 * The calendars of some schools, for the clocks that count school days and
 * school weeks (absence). A school without a row here is not of this tenant.
 */
export async function loadSchoolCalendars(db: Db, schoolIds: readonly string[]): Promise<Map<string, SchoolCalendar>> {
  const ids = [...new Set(schoolIds)];
  if (ids.length === 0) return new Map();
  const schools = await db<CalendarRow[]>`select id as "schoolId", holiday_region as region from schools where id = any(${ids}::uuid[])`;
  const free = await db<{ schoolId: string; day: string; label: string }[]>`
    select school_id as "schoolId", to_char(day, 'YYYY-MM-DD') as day, label from school_free_days where school_id = any(${ids}::uuid[])`;
  return new Map(schools.map((s) => [s.schoolId, schoolCalendar({ region: s.region, freeDays: free.filter((f) => f.schoolId === s.schoolId) })]));
}

export async function getCalendar(ctx: StaffContext, schoolId: string, year?: string): Promise<z.infer<typeof CalendarView>> {
  const [school] = await ctx.sql<CalendarRow[]>`
    select id as "schoolId", holiday_region as region from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!school) fail('NOT_FOUND');
  schoolPolicy.authorize(ctx.principal, 'read', { schoolId });
  const freeDays = await ctx.sql<{ day: string; label: string }[]>`
    select to_char(day, 'YYYY-MM-DD') as day, label from school_free_days where school_id = ${schoolId} order by day`;
  const schoolYear = year ?? schoolYearOfDay(today());
  const { from, to } = schoolYearBounds(schoolYear);
  const cal = schoolCalendar({ region: school!.region, freeDays });
  const holidays = school!.region ? schoolHolidays(school!.region).filter((h) => h.to >= from && h.from <= to) : [];
  const weekdays = [Number(from.slice(0, 4)), Number(to.slice(0, 4))]
    .flatMap(publicHolidays)
    .filter((h) => h.day >= from && h.day <= to && weekdayOf(h.day) <= 5);
  return {
    region: school!.region,
    freeDays,
    schoolYear,
    holidays,
    publicHolidays: weekdays,
    schoolWeeks: cal.schoolWeeksBetween(from, to),
    schoolDays: cal.schoolDays(from, to).length,
    covered: (COVERED_SCHOOL_YEARS as readonly string[]).includes(schoolYear),
    allowed: { manage: schoolPolicy.can(ctx.principal, 'manageCalendar', { schoolId }) },
  };
}

/** The region and the whole list of free days, in one save: what the form shows is what is kept. */
export async function saveCalendar(ctx: StaffContext, schoolId: string, input: z.output<typeof CalendarInput>) {
  const [school] = await ctx.sql`select 1 from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!school) fail('NOT_FOUND');
  schoolPolicy.authorize(ctx.principal, 'manageCalendar', { schoolId });
  await transaction(ctx.sql, async (tx) => {
    await tx`update schools set holiday_region = ${input.region} where id = ${schoolId}`;
    await tx`delete from school_free_days where school_id = ${schoolId}`;
    if (input.freeDays.length) {
      await tx`insert into school_free_days ${tx(input.freeDays.map((f) => ({ partnership_id: ctx.scope.partnershipId, school_id: schoolId, day: f.day, label: f.label, created_by: ctx.actor.userId })))}`;
    }
    await audit(tx, ctx.actor, { action: 'school.calendar_update', entityType: 'school', entityId: schoolId, schoolId, details: { region: input.region, freeDays: input.freeDays.length } });
  });
  return getCalendar(ctx, schoolId);
}
