import type { Db } from '../../db/index.ts';
import { fail } from '../../platform/errors.ts';
import type { DirectoryList, DirectoryQuery, DirectorySchool, FreePlacesOverview } from './directory-schema.ts';
import { specialKinds } from './directory-schema.ts';
import { currentSchoolYear } from './profiles.ts';
import { capacityKey, type ProfileContent } from './schema.ts';
import { loadNeeds, loadSettings } from './settings.ts';

/**
 * The public directory's reads. They run as the partnership the address
 * names (platform/tenant-lookups.ts tenantOfDirectory) and select only
 * published columns of published profiles: what the school leader released
 * (published_content), free places, and the school's name, kind and address.
 * Nothing joins a pupil, a user or a draft; the response schemas
 * (directory-schema.ts) drop anything else.
 */

interface Published {
  id: string;
  schoolYear: string;
  content: ProfileContent;
  freePlaces: Record<string, number>;
  freePlacesAt: Date | null;
  publishedAt: Date;
  name: string;
  kind: DirectoryList['schools'][number]['kind'];
  levels: string[];
  cluster: number | null;
  location: string;
  street: string;
  postcode: string;
  city: string;
}

async function partnershipOf(db: Db, code: string) {
  const [p] = await db<{ id: string; name: string; code: string }[]>`
    select id, name, registration_number as code from partnerships where lower(registration_number) = lower(${code})`;
  return p ?? fail('NOT_FOUND', 'Dit samenwerkingsverband kennen we niet.');
}

/** The latest published profile of every active school's location. */
const published = (db: Db, partnershipId: string, locationId: string | null = null) => db<Published[]>`
  select distinct on (p.location_id) p.location_id as id, p.school_year as "schoolYear", p.published_content as content,
    p.free_places as "freePlaces", p.free_places_at as "freePlacesAt", p.published_at as "publishedAt",
    s.name, s.kind, s.levels, s.cluster, l.name as location, l.street, l.postcode, l.city
  from support_profiles p join schools s on s.id = p.school_id join school_locations l on l.id = p.location_id
  where p.partnership_id = ${partnershipId} and p.published_at is not null and s.active
    ${locationId ? db`and p.location_id = ${locationId}` : db``}
  order by p.location_id, p.school_year desc`;

/** Great-circle distance in km (haversine): good to well under 1% at the scale of a region. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const capacityOf = (p: Published) =>
  p.content.capacity.map((c) => ({ level: c.level, yearGroup: c.yearGroup, places: c.places, free: p.freePlaces[capacityKey(c)] ?? null }));

function entryOf(p: Published, origin: { lat: number; lon: number } | null, year: string) {
  const rows = capacityOf(p);
  const known = rows.filter((r) => r.free !== null);
  return {
    id: p.id,
    name: p.name,
    location: p.location,
    street: p.street,
    postcode: p.postcode,
    city: p.city,
    kind: p.kind,
    levels: p.levels,
    cluster: p.cluster,
    coordinates: p.content.coordinates,
    distanceKm: origin && p.content.coordinates ? Math.round(distanceKm(origin, p.content.coordinates) * 10) / 10 : null,
    freePlaces: known.length ? known.reduce((n, r) => n + r.free!, 0) : null,
    offers: p.content.offers.map((o) => ({ needId: o.needId, level: o.level })),
    schoolYear: p.schoolYear,
    current: p.schoolYear === year,
  };
}

const norm = (s: string) => s.toLocaleLowerCase('nl').normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export async function searchDirectory(db: Db, code: string, q: DirectoryQuery): Promise<DirectoryList> {
  const p = await partnershipOf(db, code);
  const [rows, needs, settings] = await Promise.all([published(db, p.id), loadNeeds(db, p.id), loadSettings(db, p.id)]);
  const year = currentSchoolYear();
  const places = [...new Set(rows.map((r) => r.city).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'nl'));

  // Distances from the browser's point, or from the middle of the chosen place's schools: no geocoder, no map tiles needed.
  let origin: DirectoryList['origin'] = null;
  if (q.lat !== undefined && q.lon !== undefined) origin = { label: 'uw locatie', lat: q.lat, lon: q.lon };
  else if (q.vanaf) {
    const inPlace = rows.filter((r) => norm(r.city) === norm(q.vanaf!) && r.content.coordinates);
    if (inPlace.length) {
      const n = inPlace.length;
      origin = {
        label: inPlace[0]!.city,
        lat: inPlace.reduce((s, r) => s + r.content.coordinates!.lat, 0) / n,
        lon: inPlace.reduce((s, r) => s + r.content.coordinates!.lon, 0) / n,
      };
    }
  }

  const term = q.q ? norm(q.q) : null;
  const schools = rows
    .filter((r) => !term || [r.name, r.location, r.city].some((x) => norm(x).includes(term)))
    .filter((r) => !q.soort || r.kind === q.soort)
    .filter((r) => !q.niveau || r.levels.includes(q.niveau))
    .filter((r) => (!q.behoefte && !q.ondersteuning) || r.content.offers.some((o) => (!q.behoefte || o.needId === q.behoefte) && (!q.ondersteuning || o.level === q.ondersteuning)))
    .map((r) => entryOf(r, origin, year))
    .filter((e) => !q.vrij || (e.freePlaces ?? 0) > 0)
    .sort((a, b) => (origin ? (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) : 0) || a.name.localeCompare(b.name, 'nl') || a.location.localeCompare(b.location, 'nl'));

  return {
    partnership: { name: p.name, code: p.code },
    schoolYear: year,
    needs: needs.filter((n) => n.active).map(({ id, label, description }) => ({ id, label, description })),
    levels: settings.levels,
    places,
    origin,
    total: rows.length,
    schools,
  };
}

export async function directorySchool(db: Db, code: string, locationId: string): Promise<DirectorySchool> {
  const p = await partnershipOf(db, code);
  const [[row], needs, settings] = await Promise.all([published(db, p.id, locationId), loadNeeds(db, p.id), loadSettings(db, p.id)]);
  if (!row) fail('NOT_FOUND', 'Deze school heeft (nog) geen gepubliceerd ondersteuningsprofiel.');
  const r = row!;
  const byNeed = needs
    .map((n) => ({ need: { id: n.id, label: n.label, description: n.description }, levels: r.content.offers.filter((o) => o.needId === n.id).map(({ level, aspects, note }) => ({ level, aspects, note })) }))
    .filter((x) => x.levels.length > 0);
  return {
    partnership: { name: p.name, code: p.code },
    entry: entryOf(r, null, currentSchoolYear()),
    summary: r.content.summary,
    offers: byNeed,
    levels: settings.levels,
    provisions: r.content.provisions,
    expertise: r.content.expertise,
    limits: r.content.limits,
    capacity: capacityOf(r),
    freePlacesAt: r.freePlacesAt,
    contact: r.content.contact,
    publishedAt: r.publishedAt,
  };
}

/** Free places in special education and the OPDC, by school and row. */
export async function freePlaces(db: Db, code: string): Promise<FreePlacesOverview> {
  const p = await partnershipOf(db, code);
  const year = currentSchoolYear();
  const rows = (await published(db, p.id)).filter((r) => (specialKinds as readonly string[]).includes(r.kind));
  return {
    partnership: { name: p.name, code: p.code },
    schools: rows
      .map((r) => ({ id: r.id, name: r.name, location: r.location, city: r.city, kind: r.kind, cluster: r.cluster, current: r.schoolYear === year, capacity: capacityOf(r), freePlacesAt: r.freePlacesAt }))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'nl')),
  };
}
