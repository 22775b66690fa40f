import * as f from '../../helpers/factories.ts';
import type { Entry } from './matrix.ts';
import type { Actor, World } from './world.ts';

/**
 * The support route: the OCO and school leader configure the kinds of
 * meeting; the support team (OCO, ondersteuner) plans meetings and records
 * decisions and agreements; the school leader reads everything of the school;
 * mentors see the meetings they attend. A meeting that is not the caller's to
 * see is 404; seen but not theirs to change, 403. Partnership staff see none.
 */
const staffOnly = { anonymous: 401 } as const;
const schoolOnly = { default: 403, ...staffOnly, swv_admin_other_partnership: 404, oco_other_partnership: 404 } as const;
const hidden = { default: 404, ...staffOnly } as const;
const MANAGES = { oco: 200, ondersteuner: 200, mentor: 403, schoolleider: 403 } as const;

async function kind(w: World, code = 'intern_ot', roles: string[] = ['oco', 'mentor']) {
  const k = await f.meetingKind(w.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId, code, name: 'Intern ondersteuningsteam', default_roles: roles });
  return k.id;
}

/** A meeting at A1 (the mentor attends), with pupil A on the agenda unless `empty`. */
async function meeting(w: World, o: { empty?: boolean } = {}) {
  const m = await f.meeting(w.sql, {
    partnership_id: w.a.partnershipId, school_id: w.a.schoolId, kind_id: await kind(w), starts_at: new Date(Date.now() - 86_400_000), created_by: w.users.oco.id,
  });
  await f.meetingAttendee(w.sql, { partnership_id: w.a.partnershipId, meeting_id: m.id, user_id: w.users.mentor.id });
  if (o.empty) return { meetingId: m.id, itemId: '' };
  const signal = await f.signal(w.sql, {
    partnership_id: w.a.partnershipId, school_id: w.a.schoolId, pupil_id: w.a.pupilId, logbook_entry_id: w.confidential.entryId, raised_by: w.users.oco.id, status: 'on_agenda', note: '',
  });
  const i = await f.meetingItem(w.sql, { partnership_id: w.a.partnershipId, meeting_id: m.id, pupil_id: w.a.pupilId, signal_id: signal.id, summary: '' });
  // A second pupil on the agenda, outside the attending mentor's class.
  await f.meetingItem(w.sql, { partnership_id: w.a.partnershipId, meeting_id: m.id, pupil_id: w.a.unclassedPupilId, position: 1, summary: 'Besproken: thuissituatie' });
  return { meetingId: m.id, itemId: i.id };
}

async function agreement(w: World, o: { ownerId: string; pupilId?: string; schoolId?: string; dueOn?: string }) {
  const a = await f.agreement(w.sql, {
    partnership_id: w.a.partnershipId, school_id: o.schoolId ?? w.a.schoolId, pupil_id: o.pupilId ?? w.a.pupilId, what: 'Gesprek met ouders', owner_id: o.ownerId,
    due_on: o.dueOn ?? '2020-01-06', created_by: w.users.oco.id,
  });
  return a.id;
}

/** Mijn acties: every actor of partnership A owns an agreement about a pupil of a school of theirs (A2's staff: A2's pupil). */
async function agreementsForEveryone(w: World) {
  const [a2Pupil] = await w.sql<{ id: string }[]>`select id from pupils where school_id = ${w.a.otherSchoolId} limit 1`;
  for (const [actor, user] of Object.entries(w.users) as [Exclude<Actor, 'anonymous'>, { id: string }][]) {
    if (actor.endsWith('other_partnership')) continue;
    const atA2 = actor.endsWith('other_school');
    await agreement(w, { ownerId: user.id, ...(atA2 ? { pupilId: a2Pupil!.id, schoolId: w.a.otherSchoolId } : {}) });
  }
}

const inFuture = () => new Date(Date.now() + 3 * 86_400_000).toISOString();

export const rows: Record<string, Entry> = {
  'GET /api/schools/:id/support-route': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/support-route` }),
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
  'POST /api/schools/:id/meeting-kinds': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/meeting-kinds`, body: { name: 'Overleg met leerplicht', defaultRoles: ['oco'], rhythm: '4× per jaar' } }),
    expect: { ...schoolOnly, oco: 200, schoolleider: 200 },
  },
  'PATCH /api/meeting-kinds/:id': {
    call: async (w) => ({ url: `/api/meeting-kinds/${await kind(w)}`, body: { name: 'Zorgteam' } }),
    expect: { ...schoolOnly, oco: 200, schoolleider: 200 },
  },
  'GET /api/schools/:id/meetings': {
    call: (w) => ({ url: `/api/schools/${w.a.schoolId}/meetings` }),
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 200 },
  },
  'POST /api/schools/:id/meetings': {
    call: async (w) => ({ url: `/api/schools/${w.a.schoolId}/meetings`, body: { kindId: await kind(w), startsAt: inFuture() } }),
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200 },
  },
  'GET /api/meetings/:id': {
    call: async (w) => ({ url: `/api/meetings/${(await meeting(w)).meetingId}` }),
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 200 },
  },
  // The agenda or minutes on paper: whoever may open the meeting (the items of other pupils stay "another pupil").
  'GET /api/meetings/:id/minutes.pdf': {
    call: async (w) => ({ url: `/api/meetings/${(await meeting(w)).meetingId}/minutes.pdf` }),
    expect: { ...hidden, oco: 200, ondersteuner: 200, schoolleider: 200, mentor: 200 },
  },
  'PATCH /api/meetings/:id': {
    call: async (w) => ({ url: `/api/meetings/${(await meeting(w)).meetingId}`, body: { location: 'Lokaal 3', status: 'held' } }),
    expect: { ...hidden, ...MANAGES },
  },
  'POST /api/meetings/:id/items': {
    call: async (w) => ({ url: `/api/meetings/${(await meeting(w, { empty: true })).meetingId}/items`, body: { pupilId: w.a.pupilId } }),
    expect: { ...hidden, ...MANAGES },
  },
  'PATCH /api/meetings/:id/items/:itemId': {
    call: async (w) => {
      const m = await meeting(w);
      return { url: `/api/meetings/${m.meetingId}/items/${m.itemId}`, body: { summary: 'Besproken: aanpak huiswerk.' } };
    },
    expect: { ...hidden, ...MANAGES },
  },
  'DELETE /api/meetings/:id/items/:itemId': {
    call: async (w) => {
      const m = await meeting(w);
      return { url: `/api/meetings/${m.meetingId}/items/${m.itemId}` };
    },
    expect: { ...hidden, ...MANAGES },
  },
  'POST /api/meetings/:id/items/:itemId/decisions': {
    call: async (w) => {
      const m = await meeting(w);
      return { url: `/api/meetings/${m.meetingId}/items/${m.itemId}/decisions`, body: { kind: 'make_opp', value: 'OPP opstellen voor 1 maart' } };
    },
    expect: { ...hidden, ...MANAGES },
  },
  'POST /api/meetings/:id/items/:itemId/agreements': {
    call: async (w) => {
      const m = await meeting(w);
      return { url: `/api/meetings/${m.meetingId}/items/${m.itemId}/agreements`, body: { what: 'Ouders bellen', ownerId: w.users.mentor.id, dueOn: '2099-01-01' } };
    },
    expect: { ...hidden, ...MANAGES },
  },
  'GET /api/my/actions': {
    call: async (w) => {
      await agreementsForEveryone(w);
      return { url: '/api/my/actions' };
    },
    expect: { default: 200, ...staffOnly },
  },
  'POST /api/agreements/:id/done': {
    call: async (w) => ({ url: `/api/agreements/${await agreement(w, { ownerId: w.users.mentor.id })}/done` }),
    // The mentor owns it; the OCO closes any of the school; the school leader and support team see it but do not close it.
    expect: { ...hidden, mentor: 200, oco: 200, schoolleider: 403, ondersteuner: 403 },
  },
  'GET /api/schools/:id/agreements': {
    call: async (w) => {
      await agreement(w, { ownerId: w.users.ondersteuner.id });
      return { url: `/api/schools/${w.a.schoolId}/agreements?status=overdue` };
    },
    expect: { ...schoolOnly, oco: 200, ondersteuner: 200, schoolleider: 200 },
  },
};
