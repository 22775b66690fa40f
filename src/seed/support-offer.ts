import type { Db } from '../db/index.ts';
import { FIRST_NEEDS, capacityKey, type ProfileContent, type SupportLevel } from '../features/support-offer/schema.ts';
import { addDays, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';
import { planContent } from './plans.ts';

/** Where the demo's places lie (the region around Zwolle), for the directory's map and distances. */
const COORDINATES: Record<string, { lat: number; lon: number }> = {
  Zwolle: { lat: 52.5168, lon: 6.083 },
  Kampen: { lat: 52.555, lon: 5.911 },
  Deventer: { lat: 52.255, lon: 6.163 },
  Raalte: { lat: 52.386, lon: 6.275 },
  Dalfsen: { lat: 52.507, lon: 6.257 },
  Hattem: { lat: 52.475, lon: 6.065 },
  Ommen: { lat: 52.521, lon: 6.42 },
  Olst: { lat: 52.337, lon: 6.11 },
  Wijhe: { lat: 52.387, lon: 6.135 },
  Heino: { lat: 52.434, lon: 6.233 },
};

type Offers = Partial<Record<SupportLevel, string[]>>;
/**
 * What each kind of demo school offers above the basis, by need label. The
 * gaps are the ones the evaluation of passend onderwijs found in the regions
 * (seed 004 §4.1): havo/vwo pupils with autism or externalising behaviour
 * find no school that offers extra support at their level, and gifted pupils
 * with extra needs find at most a plusklas (basisplus). The vmbo, the
 * praktijkschool and special education carry most of the extra support.
 */
function offersFor(school: { kind: string; levels: string[] }): Offers {
  const havoVwoOnly = school.levels.every((l) => l === 'havo' || l === 'vwo');
  if (school.kind === 'vso') {
    return school.levels.includes('vso-vervolgonderwijs')
      ? { extra: ['Gedrag', 'Autisme', 'ADHD', 'Angst en somberheid'] }
      : { extra: ['Lichamelijke beperking', 'Medische zorg', 'Horen en zien'] };
  }
  if (school.kind === 'opdc') return { extra: ['Gedrag', 'Angst en somberheid', 'ADHD'] };
  if (school.kind === 'rebound') return { extra: ['Gedrag'] };
  if (school.kind === 'pro') return { basisplus: ['Dyslexie', 'NT2'], extra: ['Gedrag', 'Autisme', 'ADHD'] };
  if (havoVwoOnly) return { basisplus: ['Dyslexie', 'Angst en somberheid', 'Hoogbegaafdheid'] };
  if (school.levels.includes('havo')) return { basisplus: ['Dyslexie', 'Dyscalculie', 'Autisme', 'ADHD'], extra: ['Dyslexie'] };
  return { basisplus: ['Dyslexie', 'Dyscalculie', 'NT2', 'ADHD', 'Angst en somberheid'], extra: ['Gedrag', 'Autisme'] };
}

const needLabel = (label: string) => (label === 'NT2' ? 'Nederlands als tweede taal (NT2)' : label);

/**
 * Demo data for the support offer: the partnership's first list of needs and
 * a published profile for every school location this school year, with its
 * capacity and free places; two schools published last year only and have not
 * updated (the partnership sees them in its overview), one has only a draft.
 * Call inside the seeding transaction, after seedPartnership.
 */
export async function seedSupportOffer(tx: Db, partnershipId: string, schoolYear: string): Promise<void> {
  const [{ count }] = (await tx`select count(*)::int as count from support_needs where partnership_id = ${partnershipId}`) as unknown as [{ count: number }];
  if (count > 0) return;
  const needs = await rows.supportNeed.many<{ label: string }>(tx, FIRST_NEEDS.map((n, position) => ({ partnership_id: partnershipId, label: n.label, description: n.description, position })));
  const needId = new Map(needs.map((n) => [n.label, n.id]));
  const locations = await tx<{ id: string; schoolId: string; schoolName: string; kind: string; levels: string[]; city: string; n: number }[]>`
    select l.id, s.id as "schoolId", s.name as "schoolName", s.kind, s.levels, l.city, (row_number() over (order by s.brin, l.name))::int as n
    from school_locations l join schools s on s.id = l.school_id where l.partnership_id = ${partnershipId} order by s.brin, l.name`;
  const [start] = schoolYear.split('-').map(Number) as [number];
  const lastYear = `${start - 1}-${start}`;
  const profiles = locations.map((l) => {
    const offers = offersFor(l);
    const content: ProfileContent = {
      summary: `${l.schoolName} biedt elke leerling de basisondersteuning van het samenwerkingsverband. Hieronder staat wat wij daarnaast bieden, en wat niet.`,
      offers: [
        ...needs.map((n) => ({ needId: n.id, level: 'basis' as const, aspects: ['expertise' as const], note: '' })),
        ...(['basisplus', 'extra'] as const).flatMap((level) =>
          (offers[level] ?? []).map((label) => ({ needId: needId.get(needLabel(label))!, level, aspects: level === 'extra' ? ['hands' as const, 'environment' as const, 'expertise' as const] : ['hands' as const, 'materials' as const], note: '' })),
        ),
      ],
      provisions: l.kind === 'vo' ? ['care_staff'] : ['low_stimulus_room', 'time_out', 'small_groups', 'care_staff'],
      expertise: offers.extra?.length ? `Ervaring met ${offers.extra.join(', ').toLowerCase()}.` : '',
      limits: offers.extra?.length ? '' : 'Wij bieden geen extra ondersteuning bij gedrag of autisme; daarvoor verwijzen wij naar het samenwerkingsverband.',
      capacity: l.levels.map((level) => ({ level: level as ProfileContent['capacity'][number]['level'], yearGroup: null, places: l.kind === 'vo' ? 120 : l.kind === 'rebound' ? 12 : 30 })),
      contact: { name: 'Ondersteuningscoördinator', phone: `038 ${400 + l.n} ${String(1000 + l.n * 37).slice(-4)}`, email: `zorg${l.n}@school.example.nl`, website: '' },
      coordinates: COORDINATES[l.city] ?? null,
    };
    const free = Object.fromEntries(content.capacity.map((c, i) => [capacityKey(c), (l.n + i) % 4 === 0 ? 0 : (l.n * 3 + i) % 9]));
    // Schools 5 and 11 did not update this year; school 8 only has a draft.
    const outdated = l.n % 6 === 5;
    const draftOnly = l.n === 8;
    const published = !draftOnly;
    return {
      partnership_id: partnershipId,
      school_id: l.schoolId,
      location_id: l.id,
      school_year: outdated ? lastYear : schoolYear,
      content,
      published_content: published ? content : null,
      published_at: published ? new Date(Date.UTC(outdated ? start - 1 : start, 8, 15)) : null,
      free_places: free,
      free_places_at: new Date(Date.UTC(outdated ? start - 1 : start, 9, 1)),
    };
  });
  if (profiles.length) await rows.supportProfile.many(tx, profiles);
  await seedOfferDemand(tx, partnershipId, needId);
}

/** The school's own need categories, named against the partnership's list where one fits. */
const CATEGORY_NEED: Record<string, string> = {
  gedrag: 'Gedrag',
  sociaal_emotioneel: 'Angst en somberheid',
  werkhouding: 'ADHD',
  taal: 'Nederlands als tweede taal (NT2)',
  leren: 'Dyscalculie',
  gezondheid: 'Medische zorg',
};

/**
 * The demand side of the gap map, shaped like the evaluation's regions
 * (seed 004 §4.1): the needs schools recorded are named against the
 * partnership's list; pupils with extra support have an OPP; and havo/vwo
 * pupils with autism or behaviour needs, and gifted pupils with extra needs,
 * have an OPP too, while no school offers them extra support at their level.
 * The first school keeps only the OPPs of seedPlans (one in every status).
 */
export async function seedOfferDemand(tx: Db, partnershipId: string, needId: Map<string, string>): Promise<void> {
  for (const [category, label] of Object.entries(CATEGORY_NEED)) {
    await tx`update pupil_needs set support_need_id = ${needId.get(label)!} where partnership_id = ${partnershipId} and category = ${category} and support_need_id is null`;
  }
  const candidates = await tx<{ id: string; schoolId: string; firstName: string; level: string; supportLevel: string; ocoId: string }[]>`
    select p.id, p.school_id as "schoolId", p.first_name as "firstName", e.level, p.support_level as "supportLevel",
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = p.school_id and r.role = 'oco' order by u.email limit 1) as "ocoId"
    from pupils p join enrolments e on e.pupil_id = p.id and e.end_date is null
    where p.partnership_id = ${partnershipId}
      and not exists (select 1 from opps o where o.school_id = p.school_id)
      and exists (select 1 from role_assignments r where r.school_id = p.school_id and r.role = 'oco')
    order by p.student_number`;
  const havoVwo = candidates.filter((c) => (c.level === 'havo' || c.level === 'vwo') && c.supportLevel !== 'extra');
  const needs: { partnership_id: string; school_id: string; pupil_id: string; category: string; description: string; support_need_id: string; created_by: string }[] = [];
  const withPlan = new Map<string, (typeof candidates)[number]>();
  const need = (c: (typeof candidates)[number], category: string, label: string, description: string) => {
    needs.push({ partnership_id: partnershipId, school_id: c.schoolId, pupil_id: c.id, category, description, support_need_id: needId.get(label)!, created_by: c.ocoId });
    withPlan.set(c.id, c);
  };
  // 27 havo/vwo pupils spread over the schools, in turn: autism, externalising behaviour, gifted with a second need.
  const step = Math.max(1, Math.floor(havoVwo.length / 27));
  havoVwo.filter((_, i) => i % step === 0).slice(0, 27).forEach((c, i) => {
    if (i % 3 === 0) need(c, 'sociaal_emotioneel', 'Autisme', 'Autisme: heeft voorspelbaarheid en een prikkelarme plek nodig; loopt vast in de bovenbouw.');
    else if (i % 3 === 1) need(c, 'gedrag', 'Gedrag', 'Externaliserend gedrag: conflicten met docenten, al twee keer geschorst.');
    else {
      need(c, 'leren', 'Hoogbegaafdheid', 'Hoogbegaafd; verveelt zich en haakt af.');
      need(c, 'sociaal_emotioneel', i % 2 ? 'Angst en somberheid' : 'Autisme', 'Faalangst en somberheid; verzuimt steeds vaker.');
    }
  });
  for (const c of candidates) if (c.supportLevel === 'extra') withPlan.set(c.id, c);
  await rows.pupilNeed.many(tx, needs);
  if (withPlan.size === 0) return;
  const evaluation = addDays(today(), 180);
  const plans = await rows.opp.many<{ pupil_id: string }>(tx, [...withPlan.values()].map((c) => ({
    partnership_id: partnershipId, school_id: c.schoolId, pupil_id: c.id, kind: 'full', status: 'agreed', next_evaluation_on: evaluation, created_by: c.ocoId,
  })));
  await rows.oppVersion.many(tx, plans.map((o) => {
    const c = withPlan.get(o.pupil_id)!;
    return { partnership_id: partnershipId, opp_id: o.id, number: 1, kind: 'full', content: planContent(c.firstName, evaluation), status: 'agreed', updated_by: c.ocoId, sent_at: new Date(), agreed_at: new Date() };
  }));
}
