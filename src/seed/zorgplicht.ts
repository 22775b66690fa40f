import type { Db } from '../db/index.ts';
import { addDays, addWeeks, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

/** Children registered at the demo schools (parents register, mostly in the move from primary school). */
const CHILDREN: [first: string, prefix: string, last: string, birth: string][] = [
  ['Lotte', '', 'Brouwer', '2014-02-11'], ['Milan', 'de', 'Graaf', '2013-11-03'], ['Yara', '', 'Kaya', '2014-06-21'], ['Daan', 'van', 'Leeuwen', '2014-01-30'],
  ['Sara', '', 'El Amrani', '2013-09-14'], ['Finn', '', 'Koster', '2014-04-08'], ['Julia', '', 'Postma', '2013-12-19'], ['Ravi', '', 'Sewdien', '2014-07-02'],
  ['Emma', '', 'Dijkstra', '2014-03-25'], ['Noah', 'van der', 'Veen', '2013-10-10'], ['Lina', '', 'Yilmaz', '2014-05-17'], ['Bram', '', 'Hoekstra', '2013-08-29'],
  ['Zoë', '', 'Mulder', '2014-02-02'], ['Sem', '', 'Bakker', '2013-12-01'], ['Amira', '', 'Haddou', '2014-09-12'], ['Thijs', 'de', 'Boer', '2014-01-07'],
];

const NEEDS = [
  'Onze zoon raakt snel overprikkeld in drukke klassen en heeft een rustige plek nodig om even bij te komen.',
  'Zij heeft dyslexie en leert het best met voorleessoftware en extra tijd bij toetsen.',
  'Hij heeft autisme (diagnose 2022) en heeft veel structuur en een vaste mentor nodig.',
  'Zij is vaak bang en somber en heeft het afgelopen half jaar veel gemist.',
  'Hij heeft ADHD en heeft moeite met plannen en stilzitten.',
];

type State = 'fresh' | 'due_soon' | 'overdue' | 'extended' | 'admitted' | 'admitted_support' | 'full' | 'withdrawn' | 'not_suspected' | 'asked' | 'offer_elsewhere';
/** The states every school shows; the first two schools also have the cases that get stuck. */
const STATES: State[] = ['fresh', 'due_soon', 'extended', 'admitted', 'admitted_support', 'not_suspected', 'withdrawn'];

/**
 * Demo data for the zorgplicht: at every school registrations in each state
 * (received this week, due within a week, extended, admitted with and
 * without extra support, withdrawn, one without a suspected support need);
 * a few stuck past the 6 weeks and overdue; a case where a second school was
 * asked and has not answered yet; one where another school accepted and the
 * first school decided "a place at another school"; one child registered at
 * two schools within the year (seed 004 §6.1: passed from school to school).
 * Call inside the seeding transaction, after seedPartnership.
 */
export async function seedZorgplicht(tx: Db, partnershipId: string): Promise<void> {
  const [{ count }] = (await tx`select count(*)::int as count from zorgplicht_registrations where partnership_id = ${partnershipId}`) as unknown as [{ count: number }];
  if (count > 0) return;
  const schools = await tx<{ id: string; oco: string; levels: string[] }[]>`
    select s.id, s.levels, (select r.user_id from role_assignments r where r.school_id = s.id and r.role = 'oco' order by r.user_id limit 1) as oco
    from schools s where s.partnership_id = ${partnershipId} and s.active and s.kind = 'vo' order by s.brin`;
  const usable = schools.filter((s) => s.oco);
  if (usable.length === 0) return;
  const day = today();
  let n = 0;
  const values: ({ partnership_id: string; school_id: string; created_by: string } & Record<string, unknown>)[] = [];
  const add = (school: (typeof usable)[number], state: State, o: { child?: number; receivedAgo?: number } = {}) => {
    const [first, prefix, last, birth] = CHILDREN[(o.child ?? n) % CHILDREN.length]!;
    n++;
    const receivedAgo = o.receivedAgo ?? { fresh: 4, due_soon: 38, overdue: 52, extended: 46, admitted: 60, admitted_support: 75, full: 30, withdrawn: 20, not_suspected: 10, asked: 47, offer_elsewhere: 64 }[state];
    const received = addDays(day, -receivedAgo);
    const closed = ['admitted', 'admitted_support', 'full', 'withdrawn', 'offer_elsewhere'].includes(state);
    values.push({
      partnership_id: partnershipId,
      school_id: school.id,
      created_by: school.oco,
      first_name: first,
      name_prefix: prefix,
      last_name: last,
      birth_date: birth,
      previous_school: 'Basisschool De Regenboog',
      parent_names: `Familie ${prefix ? `${prefix} ` : ''}${last}`,
      parent_email: `ouders.${last.toLowerCase().replace(/[^a-z]/g, '')}@voorbeeld.nl`,
      parent_phone: '06 12345678',
      desired_start: addWeeks(received, 12),
      level: school.levels[0] ?? null,
      year_group: 1,
      need_by_parents: NEEDS[n % NEEDS.length],
      need_by_school: state === 'not_suspected' ? '' : 'Het onderwijskundig rapport (OKR) noemt een ondersteuningsbehoefte; zie de bijlage.',
      support_suspected: state !== 'not_suspected',
      received_on: received,
      status: !closed ? 'open' : state === 'withdrawn' ? 'withdrawn' : 'decided',
      extended_to: state === 'extended' || state === 'asked' ? addWeeks(received, 9) : null,
      extension_reason: state === 'extended' || state === 'asked' ? 'Wij wachten op het verslag van de orthopedagoog van de basisschool.' : null,
      extended_at: state === 'extended' || state === 'asked' ? new Date() : null,
      extended_by: state === 'extended' || state === 'asked' ? school.oco : null,
      outcome: closed ? (state === 'withdrawn' ? 'withdrawn' : state) : null,
      outcome_reason: closed ? 'Besproken in de toelatingscommissie met de ouders en de basisschool.' : null,
      offer_school_id: state === 'offer_elsewhere' ? usable[(usable.indexOf(school) + 1) % usable.length]!.id : null,
      decided_on: closed ? addDays(received, 35) : null,
      decided_by: closed ? school.oco : null,
    });
  };
  usable.forEach((s, i) => {
    for (const state of STATES) add(s, state);
    if (i < 2) {
      add(s, 'overdue');
      add(s, 'overdue', { receivedAgo: 80 });
    }
  });
  const [first, second, third] = usable;
  if (second) {
    // Passed on: the same child at the first school (withdrawn) and at the second (open, past the 6 weeks).
    add(first!, 'withdrawn', { child: 15, receivedAgo: 90 });
    add(second, 'overdue', { child: 15, receivedAgo: 50 });
    add(first!, 'asked');
    if (third) add(first!, 'offer_elsewhere');
  }
  const made = await rows.zorgplichtRegistration.many<{ school_id: string; extended_to: string | null; outcome: string | null; offer_school_id: string | null; status: string; received_on: string }>(tx, values);
  const asked = made.filter((r) => r.school_id === first!.id && r.extended_to && r.status === 'open').at(-1);
  const placements: ({ partnership_id: string; registration_id: string; school_id: string; asked_by: string } & Record<string, unknown>)[] = [];
  if (asked && second) {
    placements.push({ partnership_id: partnershipId, registration_id: asked.id, school_id: second.id, asked_by: first!.oco, message: 'Kunt u deze leerling een plaats bieden? Wij kunnen de ondersteuning niet geven.', status: 'asked', answer_reason: null, answered_by: null, answered_at: null });
  }
  for (const r of made.filter((x) => x.outcome === 'offer_elsewhere')) {
    placements.push({ partnership_id: partnershipId, registration_id: r.id, school_id: r.offer_school_id!, asked_by: first!.oco, message: 'Wij zoeken een plek met meer structuur.', status: 'accepted', answer_reason: 'Wij hebben een plaats in een kleine klas en kunnen de ondersteuning bieden.', answered_by: usable.find((s) => s.id === r.offer_school_id)!.oco, answered_at: new Date() });
  }
  if (placements.length) await rows.zorgplichtPlacementRequest.many(tx, placements);
  await seedTable(tx, partnershipId, made, usable, day);
}

/**
 * Two stuck cases at the placement table: one with its meeting held and the
 * binding advice recorded (one action done, one past its day), one with the
 * meeting planned. Put there by a consultant of the partnership.
 */
async function seedTable(tx: Db, partnershipId: string, made: { id: string; status: string; received_on: string; school_id: string }[], usable: { id: string }[], day: string) {
  const [consultant] = await tx<{ id: string }[]>`select user_id as id from role_assignments where partnership_id = ${partnershipId} and role = 'swv_consultant' order by user_id limit 1`;
  if (!consultant) return;
  const stuck = made.filter((r) => r.status === 'open' && r.received_on < addDays(day, -42)).slice(0, 2);
  const names = new Map((await tx<{ id: string; name: string }[]>`select id, name from schools where id = any(${usable.map((s) => s.id)}::uuid[])`).map((s) => [s.id, s.name]));
  for (const [i, r] of stuck.entries()) {
    const other = usable.find((s) => s.id !== r.school_id)!;
    const advised = i === 0;
    const [c] = await rows.zorgplichtTableCase.many<{ id: string }>(tx, [{
      partnership_id: partnershipId,
      registration_id: r.id,
      put_by: consultant.id,
      reason: 'De aanmelding loopt al langer dan 6 weken; twee scholen gaven aan de ondersteuning niet te kunnen bieden.',
      notes: 'Ouders zijn teleurgesteld; eerst met moeder bellen voor het overleg.',
      meeting_on: advised ? addDays(day, -7) : addDays(day, 5),
      meeting_parties: [
        { kind: 'parents', name: 'Ouders' },
        { kind: 'school', name: names.get(r.school_id) ?? 'School van aanmelding' },
        { kind: 'school', name: names.get(other.id) ?? 'Andere school' },
        { kind: 'partnership', name: 'Consulent samenwerkingsverband' },
        { kind: 'chain_partner', name: 'Jeugdteam' },
      ],
      ...(advised
        ? {
            advice_outcome: 'school',
            advice_school_id: other.id,
            advice_motivation: 'Deze school heeft een kleine klas en een vaste mentor; de ouders en beide scholen stemmen in.',
            advice_by: consultant.id,
            advice_at: new Date(),
          }
        : {}),
    }]);
    if (advised) {
      await rows.zorgplichtTableAction.many(tx, [
        { partnership_id: partnershipId, case_id: c!.id, position: 1, party: names.get(other.id) ?? 'Andere school', description: 'Intakegesprek met de ouders en de leerling.', due_on: addDays(day, -3), done_at: new Date(), done_by: consultant.id },
        { partnership_id: partnershipId, case_id: c!.id, position: 2, party: 'Samenwerkingsverband', description: 'Arrangement voor de eerste 6 weken regelen.', due_on: addDays(day, -1), done_at: null, done_by: null },
        { partnership_id: partnershipId, case_id: c!.id, position: 3, party: names.get(r.school_id) ?? 'School van aanmelding', description: 'Besluit met de plaats op de andere school vastleggen en de brief sturen.', due_on: addDays(day, 10), done_at: null, done_by: null },
      ]);
    }
  }
}
