import type { z } from 'zod';
import type { StaffContext } from '../../platform/http/context.ts';
import { today } from '../../platform/time.ts';
import { withholdSmall } from '../../platform/work.ts';
import { indicatorKeys, type IndicatorKey, type IndicatorQuery } from './indicator-schema.ts';
import { planningYear } from './plans.ts';
import { indicatorPolicy } from './policy.ts';

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The common indicators of a school year, per school, from the records
 * (seed 001's "gemeenschappelijke indicatoren" that Leerrecht holds): the
 * partnership's readers see every school by name; a school's leader and OCO
 * see their own school beside the partnership's median, not other schools
 * by name (no league table for those who may not see it). Counts under 5
 * per school are withheld; the median and the total are over all schools.
 */
export async function getIndicators(ctx: StaffContext, q: z.infer<typeof IndicatorQuery>) {
  indicatorPolicy.authorize(ctx.principal, 'read', {});
  const schoolYear = q.schoolYear ?? planningYear();
  const start = `${schoolYear.slice(0, 4)}-08-01`;
  const end = `${schoolYear.slice(5)}-07-31`;
  const pid = ctx.scope.partnershipId;
  const rows = await ctx.sql<({ id: string; name: string } & Record<IndicatorKey, number>)[]>`
    select s.id, s.name,
      (select count(distinct o.pupil_id)::int from opps o where o.school_id = s.id and o.created_at::date <= ${end} and (o.closed_at is null or o.closed_at::date >= ${start})) as opps,
      (select count(*)::int from opps o where o.school_id = s.id and o.status <> 'closed' and o.next_evaluation_on < ${today()}) as "oppsOverdue",
      (select count(*)::int from arrangements a where a.school_id = s.id and a.starts_on between ${start} and ${end}) as arrangements,
      (select count(*)::int from requests r where r.school_id = s.id and r.kind = 'tlv' and r.submitted_at::date between ${start} and ${end}) as "tlvRequested",
      (select count(*)::int from tlvs t where t.school_id = s.id and t.starts_on between ${start} and ${end}) as "tlvIssued"
    from schools s where s.partnership_id = ${pid} and s.active order by s.name`;
  const all = indicatorPolicy.can(ctx.principal, 'readAll', {});
  const shown = all ? rows : rows.filter((r) => indicatorPolicy.can(ctx.principal, 'readSchool', { schoolId: r.id }));
  return {
    schoolYear,
    scope: all ? ('partnership' as const) : ('own' as const),
    indicators: indicatorKeys.map((key) => ({
      key,
      median: median(rows.map((r) => r[key])),
      total: rows.reduce((n, r) => n + r[key], 0),
      schools: shown.map((r) => ({ id: r.id, name: r.name, count: withholdSmall(r[key]) })),
    })),
  };
}
