/**
 * The baseline's support-offer routes (issue 12): the gap map's queries
 * (src/features/support-offer/coverage/gap-map.ts getCoverage: levels, needs,
 * demand, supply, schools, school years, areas; the demand and supply
 * queries are the app's own functions, so the SQL is the same statement for
 * statement) and the public directory's search
 * (src/features/support-offer/directory.ts searchDirectory: the partnership,
 * the published profiles, needs, settings). What it leaves out: session,
 * principal and policy, zod, the tenant lookup of the public route, and what
 * the app computes in JavaScript (the cells, the small-cell rule, the gaps;
 * the directory's filters, distances and free places).
 */
import type http from 'node:http';
import type postgres from 'postgres';
import type { Db } from '../src/db/index.ts';
import { demandRows } from '../src/features/support-offer/coverage/demand.ts';
import { publishedOffers } from '../src/features/support-offer/coverage/gap-map.ts';
import type { Handler } from './baseline-dossier.ts';

type Json = (res: http.ServerResponse, status: number, body: unknown) => void;

export async function offerRoutes(sql: postgres.Sql, o: { partnershipId: string; json: Json }): Promise<Record<string, Handler>> {
  const { partnershipId, json } = o;
  const db = sql as unknown as Db;
  const [{ code }] = (await sql`select registration_number as code from partnerships where id = ${partnershipId}`) as unknown as [{ code: string }];
  return {
    'GET /api/support-offer/coverage': async (_req, url, res) => {
      const schoolYear = url.searchParams.get('schoolYear')!;
      const area = url.searchParams.get('area') || null;
      const [levels, needs, demand, supply, schools, years, areas] = await Promise.all([
        sql`select distinct unnest(levels) as level from schools where partnership_id = ${partnershipId} and active`,
        sql`select id, label, description, active from support_needs where partnership_id = ${partnershipId} order by position, label`,
        demandRows(db, partnershipId, schoolYear, area),
        publishedOffers(db, partnershipId, schoolYear, area),
        sql`select id, name from schools where partnership_id = ${partnershipId} order by name`,
        sql`select distinct school_year as "schoolYear" from support_profiles where partnership_id = ${partnershipId} and published_at is not null order by 1 desc`,
        sql`select distinct city from school_locations where partnership_id = ${partnershipId} and city <> '' order by city`,
      ]);
      json(res, 200, { levels, needs, demand: demand.length, supply: supply.length, schools, years, areas });
    },
    [`GET /api/directory/${code}`]: async (_req, _url, res) => {
      const [p] = await sql`select id, name, registration_number as code from partnerships where lower(registration_number) = lower(${code})`;
      const [rows, needs, settings] = await Promise.all([
        sql`
          select distinct on (p.location_id) p.location_id as id, p.school_year as "schoolYear", p.published_content as content,
            p.free_places as "freePlaces", p.free_places_at as "freePlacesAt", p.published_at as "publishedAt",
            s.name, s.kind, s.levels, s.cluster, l.name as location, l.street, l.postcode, l.city
          from support_profiles p join schools s on s.id = p.school_id join school_locations l on l.id = p.location_id
          where p.partnership_id = ${p!.id} and p.published_at is not null and s.active
          order by p.location_id, p.school_year desc`,
        sql`select id, label, description, active from support_needs where partnership_id = ${p!.id} order by position, label`,
        sql`select settings->'supportOffer' as s from partnerships where id = ${p!.id}`,
      ]);
      json(res, 200, { partnership: p, schools: rows, needs, settings: settings[0] });
    },
  };
}
