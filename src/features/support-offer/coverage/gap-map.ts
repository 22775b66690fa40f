import type { z } from 'zod';
import type { Db } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { levels as educationLevels } from '../../organisation/schema.ts';
import { offerPolicy } from '../policy.ts';
import { currentSchoolYear } from '../profiles.ts';
import { capacityKey, type ProfileContent } from '../schema.ts';
import { loadNeeds } from '../settings.ts';
import { demandRows, demandSources, type DemandRow } from './demand.ts';
import { shown, type Cell, type CoverageMap, type CoverageQuery, type CoverageTrend, type TrendQuery } from '../coverage-schema.ts';

/**
 * The dekkend aanbod: demand (pupils who need extra support, per education
 * level and support need) against supply (what the schools' published
 * profiles offer at that level, and their free places). The partnership's
 * legal duty is a fitting place for every pupil in the region; a uniform
 * profile is what finally makes the comparison possible (seed 004 §4.2).
 */

const cellKey = (level: string, needId: string) => `${level}|${needId}`;

interface SupplyCell {
  extraSchools: number;
  basisplusSchools: number;
  places: number;
  freePlaces: number;
}

/**
 * Per level × need, from each location's latest published profile up to the
 * school year (a school that has not updated still offers what it last
 * published): how many offer the need as extra support and as basisplus, and
 * the places and free places for that level where it is offered as extra.
 */
/** Each location's latest published profile up to the school year, with its school's levels (the supply's one query; the bench's baseline sends it too). */
export const publishedOffers = (db: Db, partnershipId: string, schoolYear: string, area: string | null) => db<{ levels: string[]; content: ProfileContent; freePlaces: Record<string, number> }[]>`
  select distinct on (p.location_id) s.levels, p.published_content as content, p.free_places as "freePlaces"
  from support_profiles p join schools s on s.id = p.school_id join school_locations l on l.id = p.location_id
  where p.partnership_id = ${partnershipId} and p.published_at is not null and p.school_year <= ${schoolYear} and s.active
    ${area ? db`and l.city = ${area}` : db``}
  order by p.location_id, p.school_year desc`;

export async function supplyOf(db: Db, partnershipId: string, schoolYear: string, area: string | null): Promise<Map<string, SupplyCell>> {
  const rows = await publishedOffers(db, partnershipId, schoolYear, area);
  const supply = new Map<string, SupplyCell>();
  for (const r of rows) {
    for (const level of r.levels) {
      const capacity = r.content.capacity.filter((c) => c.level === level || c.level === 'alle');
      const places = capacity.reduce((n, c) => n + c.places, 0);
      const free = capacity.reduce((n, c) => n + (r.freePlaces[capacityKey(c)] ?? 0), 0);
      const offered = new Map<string, Set<string>>();
      for (const o of r.content.offers) offered.set(o.needId, (offered.get(o.needId) ?? new Set()).add(o.level));
      for (const [needId, at] of offered) {
        const k = cellKey(level, needId);
        const c = supply.get(k) ?? { extraSchools: 0, basisplusSchools: 0, places: 0, freePlaces: 0 };
        if (at.has('extra')) {
          c.extraSchools++;
          c.places += places;
          c.freePlaces += free;
        }
        if (at.has('basisplus')) c.basisplusSchools++;
        supply.set(k, c);
      }
    }
  }
  return supply;
}

/** The education levels of the partnership's schools, in the usual order. */
async function levelsOf(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db<{ level: string }[]>`select distinct unnest(levels) as level from schools where partnership_id = ${partnershipId} and active`;
  const present = new Set(rows.map((r) => r.level));
  return educationLevels.filter((l) => present.has(l));
}

/** A cell is short when no school offers the need at that level at all, or when more pupils need it than there are free places with extra support. */
export function gapOf(demand: number, s: SupplyCell): Cell['gap'] {
  if (s.extraSchools === 0 && s.basisplusSchools === 0) return 'none_offered';
  if (demand > s.freePlaces) return 'short';
  return null;
}

const count = <K>(rows: DemandRow[], key: (r: DemandRow) => K): Map<K, Set<string>> => {
  const m = new Map<K, Set<string>>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? new Set()).add(r.pupilId));
  return m;
};

export async function getCoverage(ctx: StaffContext, q: z.output<typeof CoverageQuery>): Promise<CoverageMap> {
  offerPolicy.authorize(ctx.principal, 'coverage', {});
  const pid = ctx.scope.partnershipId;
  const schoolYear = q.schoolYear ?? currentSchoolYear();
  const area = q.area || null;
  const [levels, needs, demand, supply, schools, years] = await Promise.all([
    levelsOf(ctx.sql, pid),
    loadNeeds(ctx.sql, pid),
    demandRows(ctx.sql, pid, schoolYear, area),
    supplyOf(ctx.sql, pid, schoolYear, area),
    ctx.sql<{ id: string; name: string }[]>`select id, name from schools where partnership_id = ${pid} order by name`,
    ctx.sql<{ schoolYear: string }[]>`select distinct school_year as "schoolYear" from support_profiles where partnership_id = ${pid} and published_at is not null order by 1 desc`,
  ]);
  const active = needs.filter((n) => n.active);
  const byCell = count(demand, (r) => cellKey(r.level, r.needId));
  const bySource = new Map<string, Map<string, Set<string>>>(demandSources.map((s) => [s.kind, count(demand.filter((r) => r.sources.includes(s.kind)), (r) => cellKey(r.level, r.needId))]));
  const cells: Cell[] = levels.flatMap((level) =>
    active.map((n) => {
      const k = cellKey(level, n.id);
      const d = byCell.get(k)?.size ?? 0;
      const s = supply.get(k) ?? { extraSchools: 0, basisplusSchools: 0, places: 0, freePlaces: 0 };
      return {
        level,
        needId: n.id,
        demand: shown(d),
        demandBySource: Object.fromEntries(demandSources.map((src) => [src.kind, shown(bySource.get(src.kind)!.get(k)?.size ?? 0)])),
        ...s,
        gap: gapOf(d, s),
      };
    }),
  );
  const byArea = count(demand, (r) => r.area);
  const bySchool = count(demand, (r) => r.schoolId);
  const areas = await ctx.sql<{ city: string }[]>`select distinct city from school_locations where partnership_id = ${pid} and city <> '' order by city`;
  const thisYear = currentSchoolYear();
  return {
    schoolYear,
    area,
    levels: levels.map((l) => ({ id: l, label: l })),
    needs: active.map((n) => ({ id: n.id, label: n.label })),
    cells,
    sources: demandSources.map((s) => ({ kind: s.kind, label: s.label })),
    areas: areas.map((a) => ({ area: a.city, demand: shown(byArea.get(a.city)?.size ?? 0) })),
    schools: schools.filter((s) => bySchool.has(s.id)).map((s) => ({ id: s.id, name: s.name, demand: shown(bySchool.get(s.id)!.size) })),
    schoolYears: [...new Set([thisYear, ...years.map((y) => y.schoolYear)])].sort().reverse(),
    allowed: { cases: offerPolicy.can(ctx.principal, 'cases', {}) },
  };
}

/** The school years a trend looks back over: this one and the four before it. */
export const TREND_YEARS = 5;

/**
 * Demand and supply per school year, for one level × need, or for all
 * together: then the pupils in demand (each once) and the number of cells
 * that are short.
 */
export async function getTrend(ctx: StaffContext, q: z.output<typeof TrendQuery>): Promise<z.output<typeof CoverageTrend>> {
  offerPolicy.authorize(ctx.principal, 'coverage', {});
  const pid = ctx.scope.partnershipId;
  const area = q.area || null;
  const [levels, needs] = await Promise.all([levelsOf(ctx.sql, pid), loadNeeds(ctx.sql, pid)]);
  const cell = q.level && q.needId ? { level: q.level, needId: q.needId } : null;
  const need = cell ? (needs.find((n) => n.id === cell.needId) ?? null) : null;
  const keys = cell ? [cellKey(cell.level, cell.needId)] : levels.flatMap((l) => needs.filter((n) => n.active).map((n) => cellKey(l, n.id)));
  const start = Number(currentSchoolYear().slice(0, 4));
  const schoolYears = Array.from({ length: TREND_YEARS }, (_, i) => `${start - TREND_YEARS + 1 + i}-${start - TREND_YEARS + 2 + i}`);
  const years = await Promise.all(
    schoolYears.map(async (schoolYear) => {
      const [demand, supply] = await Promise.all([demandRows(ctx.sql, pid, schoolYear, area), supplyOf(ctx.sql, pid, schoolYear, area)]);
      const byCell = count(demand, (r) => cellKey(r.level, r.needId));
      const empty = { extraSchools: 0, basisplusSchools: 0, places: 0, freePlaces: 0 };
      const pupils = new Set(keys.flatMap((k) => [...(byCell.get(k) ?? [])]));
      return {
        schoolYear,
        demand: shown(pupils.size),
        freePlaces: cell ? (supply.get(keys[0]!) ?? empty).freePlaces : null,
        extraSchools: cell ? (supply.get(keys[0]!) ?? empty).extraSchools : null,
        gaps: keys.filter((k) => gapOf(byCell.get(k)?.size ?? 0, supply.get(k) ?? empty) !== null).length,
      };
    }),
  );
  return { level: cell?.level ?? null, need: need ? { id: need.id, label: need.label } : null, years };
}
