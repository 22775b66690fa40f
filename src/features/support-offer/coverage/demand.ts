import type postgres from 'postgres';
import type { Db } from '../../../db/index.ts';

/**
 * Where the demand on the region's support offer comes from: each source
 * names the pupils it puts in need of extra support during a school year.
 * The gap map counts a pupil once per support need, whatever number of
 * sources name them. Zorgplicht registrations, pupils waiting for a place
 * and thuiszitters plug in as one more source each (one file, one line in
 * `demandSources`), like the work sources of docs/decisions/0012.
 */
export interface DemandSource {
  kind: string;
  /** What the source is, in Dutch, for the gap map's legend and the report. */
  label: string;
  /**
   * The pupils in demand during the school year [from, to] ('YYYY-MM-DD'):
   * a query of one column, `pupil_id`, over the partnership's rows.
   */
  pupils(db: Db, o: { partnershipId: string; from: string; to: string }): postgres.Fragment;
}

/** Pupils with an OPP that was open at some time in the school year: extra support needs an OPP (DOMAIN §1). */
const activePlans: DemandSource = {
  kind: 'opp',
  label: 'Leerlingen met een lopend OPP',
  pupils: (db, o) => db`
    select o.pupil_id from opps o
    where o.partnership_id = ${o.partnershipId} and o.created_at < (${o.to}::date + 1)
      and (o.status <> 'closed' or o.closed_at >= ${o.from}::date)`,
};

const OPEN = ['submitted', 'in_review', 'advice', 'decision'];

/** Pupils for whom the school asked the partnership for more (arrangement, TLV, OPDC place): still open, or granted for a period in the year. */
const requests: DemandSource = {
  kind: 'request',
  label: 'Leerlingen met een open of toegekende aanvraag (arrangement, TLV, OPDC)',
  pupils: (db, o) => db`
    select r.pupil_id from requests r left join request_decisions d on d.request_id = r.id
    where r.partnership_id = ${o.partnershipId} and r.pupil_id is not null and r.kind in ('arrangement', 'tlv', 'opdc')
      and r.submitted_at < (${o.to}::date + 1)
      and (r.status = any(${OPEN}::text[]) or (r.status = 'decided' and d.outcome in ('granted', 'partly') and coalesce(d.ends_on, ${o.to}::date) >= ${o.from}::date))`,
};

export const demandSources: DemandSource[] = [activePlans, requests];

/** A school year's first and last day: 1 August to 31 July. */
export function yearBounds(schoolYear: string): { from: string; to: string } {
  const [start, end] = schoolYear.split('-');
  return { from: `${start}-08-01`, to: `${end}-07-31` };
}

export interface DemandRow {
  pupilId: string;
  needId: string;
  level: string;
  schoolId: string;
  area: string;
  sources: string[];
}

/**
 * Every (pupil, need) in demand in the school year: the pupil's needs as the
 * school recorded them against the partnership's list (pupil_needs with a
 * support need), at the level the pupil was enrolled in that year, in the
 * area of their school's (first) location.
 */
export async function demandRows(db: Db, partnershipId: string, schoolYear: string, area: string | null): Promise<DemandRow[]> {
  const { from, to } = yearBounds(schoolYear);
  const o = { partnershipId, from, to };
  const union = demandSources.map((s, i) => db`${i > 0 ? db`union all` : db``} select x.pupil_id, ${s.kind}::text as source from (${s.pupils(db, o)}) x`);
  return db<DemandRow[]>`
    with demand as (${union}),
    cases as (select pupil_id, array_agg(distinct source order by source) as sources from demand group by pupil_id),
    placed as (
      select p.id as pupil_id, p.school_id, coalesce(e.level, c.level) as level,
        coalesce((select l.city from school_locations l where l.school_id = p.school_id order by l.created_at, l.id limit 1), '') as area
      from cases k join pupils p on p.id = k.pupil_id
        left join lateral (
          select e.level, e.class_id from enrolments e
          where e.pupil_id = p.id and e.start_date <= ${to}::date and (e.end_date is null or e.end_date >= ${from}::date)
          order by e.start_date desc limit 1) e on true
        left join classes c on c.id = e.class_id
    )
    select distinct on (k.pupil_id, n.support_need_id) k.pupil_id as "pupilId", n.support_need_id as "needId", pl.level, pl.school_id as "schoolId", pl.area, k.sources
    from cases k
      join placed pl on pl.pupil_id = k.pupil_id
      join pupil_needs n on n.pupil_id = k.pupil_id and n.support_need_id is not null
        and n.created_at < (${to}::date + 1) and (n.active or n.ended_at >= ${from}::date)
    where pl.level is not null ${area ? db`and pl.area = ${area}` : db``}
    order by k.pupil_id, n.support_need_id`;
}
