import type { Db } from '../db/index.ts';
import { ensureDefaultKinds } from '../features/support-route/defaults.ts';
import { formatDateTime, today } from '../platform/time.ts';
import * as rows from './factories/index.ts';

const DAY = 86_400_000;

/**
 * Demo data for the support route of the partnership's first school (the
 * school of oco.s1): the six kinds of meeting, two held meetings with pupils,
 * decisions (basisplus, case manager, a handelingsadvies) with their history
 * rows, SMART agreements (one overdue) and a planned meeting with a pupil on
 * the agenda from an open signal. Call inside the seeding transaction, after
 * seedPartnership: `await seedSupportRoute(tx, partnershipId)`.
 */
export async function seedSupportRoute(tx: Db, partnershipId: string): Promise<void> {
  const [school] = await tx<{ id: string }[]>`
    select r.school_id as id from role_assignments r join users u on u.id = r.user_id
    where r.partnership_id = ${partnershipId} and r.role = 'oco' and r.school_id is not null
    order by (u.email like 'oco.s1@%') desc, u.email limit 1`;
  if (!school) return;
  const schoolId = school.id;
  await ensureDefaultKinds(tx, partnershipId, schoolId);
  const [{ count }] = (await tx`select count(*)::int as count from meetings where school_id = ${schoolId}`) as unknown as [{ count: number }];
  if (count > 0) return;

  const kinds = new Map((await tx<{ id: string; code: string; name: string }[]>`select id, code, name from meeting_kinds where school_id = ${schoolId}`).map((k) => [k.code, k]));
  const staff = await tx<{ id: string; role: string }[]>`
    select distinct on (r.role) u.id, r.role from role_assignments r join users u on u.id = r.user_id
    where r.school_id = ${schoolId} and u.status = 'active' order by r.role, u.email`;
  const by = (role: string) => staff.find((s) => s.role === role)?.id;
  const oco = by('oco');
  const support = by('ondersteuner') ?? oco;
  const leader = by('schoolleider') ?? oco;
  if (!oco) return;
  const pupils = await tx<{ id: string; classId: string; level: string; mentorId: string | null }[]>`
    select p.id, e.class_id as "classId", p.support_level as level,
      (select cs.user_id from class_staff cs where cs.class_id = e.class_id and cs.is_mentor limit 1) as "mentorId"
    from pupils p join enrolments e on e.pupil_id = p.id and e.end_date is null
    where p.school_id = ${schoolId} order by p.last_name, p.first_name limit 4`;
  if (pupils.length < 4) return;
  const [p1, p2, p3, p4] = [pupils[0]!, pupils[1]!, pupils[2]!, pupils[3]!];

  const now = Date.now();
  const at = (days: number, hour: number) => {
    const d = new Date(now + days * DAY);
    d.setUTCHours(hour - 1, 0, 0, 0);
    return d;
  };
  const dayOf = (days: number) => today(new Date(now + days * DAY));

  async function meeting(code: string, startsAt: Date, status: 'planned' | 'held', attendees: (string | null | undefined)[]) {
    const kind = kinds.get(code)!;
    const m = await rows.meeting(tx, { partnership_id: partnershipId, school_id: schoolId, kind_id: kind.id, starts_at: startsAt, location: 'Vergaderruimte 1.04', status, created_by: oco! });
    const ids = [...new Set(attendees.filter((a): a is string => !!a))];
    await rows.meetingAttendee.many(tx, ids.map((u) => ({ partnership_id: partnershipId, meeting_id: m.id, user_id: u })));
    return { id: m.id, reason: `Besluit ${kind.name} van ${formatDateTime(startsAt)}` };
  }
  async function item(meetingId: string, pupilId: string, position: number, summary: string, signalId: string | null = null) {
    return (await rows.meetingItem(tx, { partnership_id: partnershipId, meeting_id: meetingId, pupil_id: pupilId, signal_id: signalId, position, summary })).id;
  }
  async function decision(itemId: string, pupilId: string, kind: string, value: string, note = '') {
    return (await rows.meetingDecision(tx, { partnership_id: partnershipId, item_id: itemId, pupil_id: pupilId, kind, value, note, decided_by: oco! })).id;
  }
  async function agreement(itemId: string, pupilId: string, what: string, ownerId: string, dueInDays: number, done = false) {
    await rows.agreement(tx, {
      partnership_id: partnershipId, school_id: schoolId, pupil_id: pupilId, meeting_item_id: itemId, what, owner_id: ownerId,
      due_on: dayOf(dueInDays), done_at: done ? new Date(now + (dueInDays - 1) * DAY) : null, created_by: oco!,
    });
  }
  /** A status change the decision made, in the pupil's history. */
  async function history(pupilId: string, field: string, oldValue: string | null, newValue: string, m: { id: string; reason: string }, changedAt: Date) {
    await rows.pupilStatusHistory(tx, { partnership_id: partnershipId, pupil_id: pupilId, field, old_value: oldValue, new_value: newValue, reason: m.reason, meeting_id: m.id, changed_by: oco!, changed_at: changedAt });
  }

  // Held three weeks ago: the internal support team.
  const ot = await meeting('intern_ot', at(-21, 14), 'held', [oco, support, leader, p1.mentorId, p2.mentorId]);
  const i1 = await item(ot.id, p1.id, 1, 'Leerling heeft moeite met plannen en huiswerk; cijfers dalen sinds de herfstvakantie. Mentor heeft met ouders gesproken.');
  await decision(i1, p1.id, 'support_level', 'basisplus', 'Huiswerkbegeleiding twee middagen per week.');
  await tx`update pupils set support_level = 'basisplus' where id = ${p1.id}`;
  await history(p1.id, 'support_level', p1.level, 'basisplus', ot, at(-21, 15));
  const advice = 'Geef opdrachten in kleine stappen met een tussentijds controlemoment; noteer huiswerk op het bord.';
  const adviceDecision = await decision(i1, p1.id, 'handelingsadvies', advice);
  await rows.handelingsadvies(tx, { partnership_id: partnershipId, school_id: schoolId, pupil_id: p1.id, advice, source: 'meeting', source_id: adviceDecision, created_by: oco });
  await agreement(i1, p1.id, 'Weekplanning maken met de leerling en elke maandag samen bekijken', p1.mentorId ?? oco, -7);
  await agreement(i1, p1.id, 'Aanmelden bij huiswerkbegeleiding en ouders informeren', support!, -14, true);

  const i2 = await item(ot.id, p2.id, 2, 'Zorgen over welbevinden: trekt zich terug in de klas, verzuim loopt op. SMW heeft contact met het gezin.');
  await decision(i2, p2.id, 'case_manager', support!, 'Eén aanspreekpunt voor ouders en docenten.');
  await tx`update pupils set case_manager_id = ${support!} where id = ${p2.id}`;
  await history(p2.id, 'case_manager', null, support!, ot, at(-21, 15));
  await decision(i2, p2.id, 'refer_sot_plus', 'Bespreken in SOT+ met leerplicht en jeugdarts.');
  await agreement(i2, p2.id, 'Gesprek met ouders en leerling over verzuim, met verslag in het logboek', support!, 7);
  await agreement(i2, p2.id, 'Toestemming ouders vragen voor bespreking in SOT+', oco, -3);

  // Held last week: SOT+; decision extra support with an OPP.
  const sotPlus = await meeting('sot_plus', at(-7, 10), 'held', [oco, support]);
  const i3 = await item(sotPlus.id, p3.id, 1, 'Ondanks basisplus onvoldoende vooruitgang; orthopedagoog adviseert individuele begeleiding.');
  await decision(i3, p3.id, 'support_level', 'extra', 'Arrangement aanvragen bij het samenwerkingsverband.');
  await decision(i3, p3.id, 'make_opp', 'OPP opstellen en bespreken met ouders vóór de volgende evaluatie.');
  await tx`update pupils set support_level = 'extra' where id = ${p3.id}`;
  await history(p3.id, 'support_level', p3.level, 'extra', sotPlus, at(-7, 11));
  await agreement(i3, p3.id, 'Concept-OPP (uitstroomperspectief en handelingsdeel) klaarzetten', oco, 14);

  // Planned next week: a pupil from an open signal of the mentor.
  const signal = await rows.signal(tx, {
    partnership_id: partnershipId, school_id: schoolId, pupil_id: p4.id, note: 'Valt stil in de les en levert werk niet in; ouders maken zich zorgen.', status: 'on_agenda', raised_by: p4.mentorId ?? oco,
  });
  const next = await meeting('intern_ot', at(7, 14), 'planned', [oco, support, leader, p4.mentorId]);
  await item(next.id, p4.id, 1, '', signal.id);
  await meeting('klassenbespreking', at(14, 15), 'planned', [oco, p1.mentorId]);
}
