import type { z } from 'zod';
import type { StaffContext } from '../../platform/http/context.ts';
import { arrangementPolicy } from './policy.ts';
import type { Commitments } from './schema.ts';

/**
 * What the partnership has committed per school for a period: every
 * arrangement or OPDC place that overlaps it (ended ones too: the money was
 * committed), their whole amounts and hours, and the share that falls in the
 * period pro rata by days. Counts only, no pupil data.
 */
export async function sumCommitments(ctx: StaffContext, from: string, to: string): Promise<z.infer<typeof Commitments>> {
  arrangementPolicy.authorize(ctx.principal, 'commitments', { schoolId: null });
  const rows = await ctx.sql<{ id: string; name: string; arrangements: number; amountCents: number; amountInPeriodCents: number; hours: number; hoursInPeriod: number }[]>`
    with x as (
      select a.school_id, coalesce(a.amount_eur, 0) * 100 as cents, coalesce(a.hours, 0) as hours,
        (least(a.ends_on, ${to}::date) - greatest(a.starts_on, ${from}::date) + 1)::numeric / (a.ends_on - a.starts_on + 1) as share
      from arrangements a
      where a.partnership_id = ${ctx.scope.partnershipId} and a.starts_on <= ${to} and a.ends_on >= ${from}
    )
    select s.id, s.name, count(x.school_id)::int as arrangements,
      coalesce(round(sum(x.cents)), 0)::float8 as "amountCents",
      coalesce(round(sum(x.cents * x.share)), 0)::float8 as "amountInPeriodCents",
      coalesce(sum(x.hours), 0)::float8 as hours,
      coalesce(round(sum(x.hours * x.share), 1), 0)::float8 as "hoursInPeriod"
    from schools s left join x on x.school_id = s.id
    where s.partnership_id = ${ctx.scope.partnershipId}
    group by s.id, s.name
    order by lower(s.name), s.id`;
  const sum = (k: 'arrangements' | 'amountCents' | 'amountInPeriodCents' | 'hours' | 'hoursInPeriod') => rows.reduce((n, r) => n + r[k], 0);
  return {
    from,
    to,
    total: {
      arrangements: sum('arrangements'),
      amountCents: sum('amountCents'),
      amountInPeriodCents: sum('amountInPeriodCents'),
      hours: sum('hours'),
      hoursInPeriod: Math.round(sum('hoursInPeriod') * 10) / 10,
    },
    schools: rows.map(({ id, name, ...committed }) => ({ school: { id, name }, committed })),
  };
}
