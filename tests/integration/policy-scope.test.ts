import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../src/platform/access/principal.ts';
import { createSession, loadSession } from '../../src/platform/auth/sessions.ts';
import * as rows from '../../src/seed/factories/index.ts';
import { arrangementPolicy } from '../../src/features/arrangements/policy.ts';
import { pupilPolicy, type PupilResource } from '../../src/features/pupils/policy.ts';
import { requestPolicy, type RequestResource } from '../../src/features/requests/policy.ts';
import { staffPolicy, type StaffResource } from '../../src/features/staff/policy.ts';
import { agreementPolicy, meetingPolicy, type AgreementResource, type MeetingResource } from '../../src/features/support-route/policy.ts';
import { offerPolicy, profilePolicy } from '../../src/features/support-offer/policy.ts';
import { actionPlanPolicy, peerAuditPolicy } from '../../src/features/quality/policy.ts';
import { meldcodePolicy, type MeldcodeResource } from '../../src/features/meldcode/policy.ts';
import { registrationPolicy } from '../../src/features/zorgplicht/policy.ts';
import { mailbox } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { actors, buildWorld, type World } from './authz/world.ts';

let t: TestApp;
let w: World;
const statuses = ['draft', 'submitted', 'in_review', 'advice', 'decision', 'decided', 'answered', 'withdrawn'] as const;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
  // Requests at both schools of A in every status; some held by the consultant, some advised on by the expert.
  const by = w.users.oco.id;
  for (const schoolId of [w.a.schoolId, w.a.otherSchoolId]) {
    for (const status of statuses) {
      for (const held of [false, true]) {
        const r = await rows.request(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, status, assigned_to: held ? w.users.swv_consultant.id : null, created_by: by });
        if (held && status !== 'draft') {
          await rows.requestExpert(t.sql, { partnership_id: w.a.partnershipId, request_id: r.id, expert_id: w.users.swv_expert.id, assigned_by: w.users.swv_consultant.id });
        }
      }
    }
  }
  // Pupils besides the world's: one who left the mentor's class (now in no class), one in the mentor's class at the other school.
  const left = await rows.pupil(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.schoolId });
  await rows.enrolment(t.sql, { partnership_id: w.a.partnershipId, pupil_id: left.id, school_id: w.a.schoolId, class_id: w.a.classId, start_date: '2024-08-19', end_date: '2025-07-11' });
  await rows.enrolment(t.sql, { partnership_id: w.a.partnershipId, pupil_id: left.id, school_id: w.a.schoolId, start_date: '2025-08-18' });
  const elsewhere = await rows.pupil(t.sql, { partnership_id: w.a.partnershipId, school_id: w.a.otherSchoolId });
  await rows.enrolment(t.sql, { partnership_id: w.a.partnershipId, pupil_id: elsewhere.id, school_id: w.a.otherSchoolId, class_id: w.a.classId });
  // Meetings at both schools of A: attended by nobody, by the mentor, by the other school's OCO, by a consultant.
  for (const schoolId of [w.a.schoolId, w.a.otherSchoolId]) {
    const kind = await rows.meetingKind(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId });
    for (const attendee of [null, w.users.mentor.id, w.users.oco_other_school.id, w.users.swv_consultant.id]) {
      const m = await rows.meeting(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, kind_id: kind.id, created_by: by });
      if (attendee) await rows.insertRow(t.sql, 'meeting_attendees', {}, { partnership_id: w.a.partnershipId, meeting_id: m.id, user_id: attendee });
    }
  }
  // Agreements at both schools of A (about the world's pupil or about none), owned by the mentor, the OCO, the other school's OCO and a consultant.
  for (const schoolId of [w.a.schoolId, w.a.otherSchoolId]) {
    for (const owner of [w.users.mentor.id, w.users.oco.id, w.users.oco_other_school.id, w.users.swv_consultant.id]) {
      await rows.agreement(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, pupil_id: schoolId === w.a.schoolId ? w.a.pupilId : null, owner_id: owner, created_by: by });
    }
  }
  // Staff besides the world's: someone with roles at both schools, and someone without any role (the app never leaves one so; the rule and its twin still agree).
  const both = await rows.user(t.sql, { partnership_id: w.a.partnershipId, email: mailbox('beide') });
  await rows.roleAssignment(t.sql, { partnership_id: w.a.partnershipId, user_id: both.id, role: 'mentor', school_id: w.a.schoolId });
  await rows.roleAssignment(t.sql, { partnership_id: w.a.partnershipId, user_id: both.id, role: 'oco', school_id: w.a.otherSchoolId });
  await rows.user(t.sql, { partnership_id: w.a.partnershipId, email: mailbox('zonder-rol') });
  // Meldcode files at both schools of A: with nobody added, with the mentor added, with the mentor added and removed again.
  for (const schoolId of [w.a.schoolId, w.a.otherSchoolId]) {
    for (const added of ['none', 'mentor', 'removed'] as const) {
      const m = await rows.meldcodeFile(t.sql, { partnership_id: w.a.partnershipId, school_id: schoolId, pupil_id: w.a.pupilId, opened_by: by });
      if (added !== 'none') {
        await rows.meldcodeMember(t.sql, { partnership_id: w.a.partnershipId, file_id: m.id, user_id: w.users.mentor.id, added_by: by, removed_at: added === 'removed' ? new Date() : null });
      }
    }
  }
});
afterAll(() => t.close());

/** The principal of an actor, as the gate loads it. */
async function principal(actor: Exclude<(typeof actors)[number], 'anonymous'>) {
  const { token } = await createSession(t.sql, { idleMinutes: 30, maxHours: 12 }, { userId: w.users[actor].id, mfaVerified: true, ip: null, userAgent: null });
  return principalOf((await loadSession(t.sql, { idleMinutes: 30, maxHours: 12 }, token))!);
}

describe('a policy and its list scope agree', () => {
  for (const actor of actors.filter((a) => a !== 'anonymous')) {
    it(`requests, for ${actor}: the work list and the read admit exactly the rows the rules admit`, async () => {
      const p = await principal(actor);
      const rows = await t.sql<(RequestResource & { id: string })[]>`
        select r.id, r.school_id as "schoolId", r.kind, r.status, r.assigned_to as "assignedTo",
          coalesce((select array_agg(x.expert_id) from request_experts x where x.request_id = r.id), '{}') as "expertIds"
        from requests r where r.partnership_id = ${p.scope.partnershipId}`;
      for (const action of ['queue', 'read'] as const) {
        const listed = await t.sql<{ id: string }[]>`select r.id from requests r where r.partnership_id = ${p.scope.partnershipId} and ${requestPolicy.scope(t.sql, p, action)}`;
        expect(listed.map((r) => r.id).sort(), action).toEqual(rows.filter((r) => requestPolicy.can(p, action, r)).map((r) => r.id).sort());
      }
    });

    it(`arrangements, for ${actor}: the list admits exactly the rows the read rule admits`, async () => {
      const p = await principal(actor);
      const schools = await t.sql<{ id: string }[]>`select id from schools where partnership_id = ${p.scope.partnershipId}`;
      // The scope over `arrangements a`, asked per school: a school is admitted exactly when the rule admits its arrangements.
      for (const s of schools) {
        const [row] = await t.sql<{ admitted: boolean }[]>`select ${arrangementPolicy.scope(t.sql, p, 'read')} as admitted from (select ${s.id}::uuid as school_id) a`;
        expect(row!.admitted, s.id).toBe(arrangementPolicy.can(p, 'read', { schoolId: s.id }));
      }
    });

    it(`pupils, for ${actor}: the pupil list admits exactly the pupils the read rule admits`, async () => {
      const p = await principal(actor);
      // Each pupil as pupilFor loads it for the rule: school and the class of the current enrolment.
      const all = await t.sql<(PupilResource & { id: string })[]>`
        select p.id, p.school_id as "schoolId", e.class_id as "classId"
        from pupils p left join enrolments e on e.pupil_id = p.id and e.end_date is null
        where p.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select p.id from pupils p where p.partnership_id = ${p.scope.partnershipId} and ${pupilPolicy.scope(t.sql, p, 'read')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter((r) => pupilPolicy.can(p, 'read', r)).map((r) => r.id).sort());
      // Whoever may not list pupils at all is admitted none.
      if (!pupilPolicy.can(p, 'list', { schoolId: null, classId: null })) expect(listed).toEqual([]);
    });

    it(`staff, for ${actor}: the staff list admits exactly the people the read rule admits`, async () => {
      const p = await principal(actor);
      // Each person as the staff page loads them for the rule: where they hold roles.
      const all = await t.sql<(StaffResource & { id: string })[]>`
        select u.id, u.id as "userId", u.status, array(select r.school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds"
        from users u where u.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select u.id from users u where u.partnership_id = ${p.scope.partnershipId} and ${staffPolicy.scope(t.sql, p, 'read')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter((r) => staffPolicy.can(p, 'read', r)).map((r) => r.id).sort());
    });

    it(`meetings, for ${actor}: the meetings list admits exactly the meetings the read rule admits`, async () => {
      const p = await principal(actor);
      // Each meeting as meetingFor loads it for the rule.
      const all = await t.sql<(MeetingResource & { id: string })[]>`
        select m.id, m.school_id as "schoolId", exists (select 1 from meeting_attendees a where a.meeting_id = m.id and a.user_id = ${p.userId}) as attending
        from meetings m where m.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select m.id from meetings m where m.partnership_id = ${p.scope.partnershipId} and ${meetingPolicy.scope(t.sql, p, 'read')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter((r) => meetingPolicy.can(p, 'read', r)).map((r) => r.id).sort());
    });

    it(`agreements, for ${actor}: the pupil page, the OPP's facts and the overviews admit exactly the agreements the read rule admits`, async () => {
      const p = await principal(actor);
      const all = await t.sql<(AgreementResource & { id: string })[]>`
        select a.id, a.school_id as "schoolId", a.owner_id as "ownerId" from agreements a where a.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select a.id from agreements a where a.partnership_id = ${p.scope.partnershipId} and ${agreementPolicy.scope(t.sql, p, 'read')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter((r) => agreementPolicy.can(p, 'read', r)).map((r) => r.id).sort());
    });

    it(`support profiles, for ${actor}: the list of locations admits exactly the schools the rules admit`, async () => {
      const p = await principal(actor);
      const schools = await t.sql<{ id: string }[]>`select id from schools where partnership_id = ${p.scope.partnershipId}`;
      // The scope over `schools s`, asked per school.
      for (const s of schools) {
        for (const action of ['read', 'edit'] as const) {
          const [row] = await t.sql<{ admitted: boolean }[]>`select ${profilePolicy.scope(t.sql, p, action)} as admitted from (select ${s.id}::uuid as id) s`;
          expect(row!.admitted, `${action} ${s.id}`).toBe(profilePolicy.can(p, action, { schoolId: s.id }));
        }
      }
    });

    it(`action plans, for ${actor}: the list of schools admits exactly the schools the read rule admits`, async () => {
      const p = await principal(actor);
      const schools = await t.sql<{ id: string }[]>`select id from schools where partnership_id = ${p.scope.partnershipId}`;
      for (const s of schools) {
        const [row] = await t.sql<{ admitted: boolean }[]>`select ${actionPlanPolicy.scope(t.sql, p, 'read')} as admitted from (select ${s.id}::uuid as id) s`;
        expect(row!.admitted, s.id).toBe(actionPlanPolicy.can(p, 'read', { schoolId: s.id, submittedAt: null, evaluatedAt: null }));
      }
    });

    it(`peer audits, for ${actor}: the round lists exactly the audits the read rule admits`, async () => {
      const p = await principal(actor);
      // Audits of A1 by A2 and of A2 by A1, with and without the other school's OCO named as auditor (made once).
      const pid = w.a.partnershipId;
      const [{ n }] = await t.sql<[{ n: number }]>`select count(*)::int as n from peer_audits where partnership_id = ${pid}`;
      if (n === 0) {
        for (const [i, named] of [[], [w.users.oco_other_school.id]].entries()) {
          const round = await rows.auditRound(t.sql, { partnership_id: pid, school_year: `${2030 + i}-${2031 + i}` });
          await rows.peerAudit(t.sql, { partnership_id: pid, round_id: round.id, school_id: w.a.schoolId, auditor_school_id: w.a.otherSchoolId, auditor_user_ids: named });
          await rows.peerAudit(t.sql, { partnership_id: pid, round_id: round.id, school_id: w.a.otherSchoolId, auditor_school_id: w.a.schoolId, auditor_user_ids: named });
        }
      }
      const all = await t.sql<{ id: string; schoolId: string; auditorSchoolId: string; auditorUserIds: string[] }[]>`
        select id, school_id as "schoolId", auditor_school_id as "auditorSchoolId", auditor_user_ids::text[] as "auditorUserIds" from peer_audits a where a.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select a.id from peer_audits a where a.partnership_id = ${p.scope.partnershipId} and ${peerAuditPolicy.scope(t.sql, p, 'read')}`;
      const admitted = all.filter((a) => peerAuditPolicy.can(p, 'read', { ...a, plannedOn: null, drawnAt: null, reportAt: null }));
      expect(listed.map((r) => r.id).sort()).toEqual(admitted.map((r) => r.id).sort());
    });

    it(`meldcode files, for ${actor}: the list admits exactly the files the read rule admits`, async () => {
      const p = await principal(actor);
      const all = await t.sql<(MeldcodeResource & { id: string })[]>`
        select m.id, m.school_id as "schoolId", false as closed,
          coalesce((select array_agg(mm.user_id) from meldcode_members mm where mm.file_id = m.id and mm.removed_at is null), '{}') as "memberIds"
        from meldcode_files m where m.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select m.id from meldcode_files m where m.partnership_id = ${p.scope.partnershipId} and ${meldcodePolicy.scope(t.sql, p, 'read')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter((r) => meldcodePolicy.can(p, 'read', r)).map((r) => r.id).sort());
    });

    it(`zorgplicht registrations, for ${actor}: the list admits exactly what the read rule admits`, async () => {
      const p = await principal(actor);
      const pid = w.a.partnershipId;
      // Once: at both schools, with and without a suspected support need, not asked, asked of the other school, and a withdrawn request.
      const [{ n }] = await t.sql<[{ n: number }]>`select count(*)::int as n from zorgplicht_registrations where partnership_id = ${pid}`;
      if (n === 0) {
        for (const [schoolId, otherId] of [[w.a.schoolId, w.a.otherSchoolId], [w.a.otherSchoolId, w.a.schoolId]] as const) {
          for (const suspected of [false, true]) {
            for (const asked of ['none', 'asked', 'withdrawn'] as const) {
              const r = await rows.zorgplichtRegistration(t.sql, { partnership_id: pid, school_id: schoolId, created_by: w.users.oco.id, support_suspected: suspected });
              if (asked !== 'none') await rows.zorgplichtPlacementRequest(t.sql, { partnership_id: pid, registration_id: r.id, school_id: otherId, asked_by: w.users.oco.id, status: asked });
            }
          }
        }
      }
      const all = await t.sql<{ id: string; schoolId: string; supportSuspected: boolean; askedSchoolIds: string[] }[]>`
        select z.id, z.school_id as "schoolId", z.support_suspected as "supportSuspected",
          coalesce((select array_agg(q.school_id::text) from zorgplicht_placement_requests q where q.registration_id = z.id and q.status <> 'withdrawn'), '{}') as "askedSchoolIds"
        from zorgplicht_registrations z where z.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select z.id from zorgplicht_registrations z where z.partnership_id = ${p.scope.partnershipId} and ${registrationPolicy.scope(t.sql, p, 'read')}`;
      const admitted = all.filter((r) => registrationPolicy.can(p, 'read', { ...r, pupilId: null, status: 'open', receivedOn: '2026-12-01', extendedTo: null }));
      expect(listed.map((r) => r.id).sort()).toEqual(admitted.map((r) => r.id).sort());
    });

    it(`the cases behind a cell of the gap map, for ${actor}: the pupils listed are exactly those the rule admits`, async () => {
      const p = await principal(actor);
      const all = await t.sql<{ id: string }[]>`select p.id from pupils p where p.partnership_id = ${p.scope.partnershipId}`;
      const listed = await t.sql<{ id: string }[]>`select p.id from pupils p where p.partnership_id = ${p.scope.partnershipId} and ${offerPolicy.scope(t.sql, p, 'cases')}`;
      expect(listed.map((r) => r.id).sort()).toEqual(all.filter(() => offerPolicy.can(p, 'cases', {})).map((r) => r.id).sort());
    });
  }
});
