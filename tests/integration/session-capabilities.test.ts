import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { May, MayAtSchool, SessionInfo } from '../../src/platform/access/session-schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import type { Client } from '../helpers/client.ts';
import { actors, buildWorld, clientFor, type Actor, type World } from './authz/world.ts';

/**
 * The browser shows a menu item, tile or school in a picker when the session
 * says the user may (`may`, `schools`); it knows no roles. Each flag must
 * match what the server answers when the user goes there anyway: for every
 * actor of the authorisation matrix, a flag is true exactly when the page's
 * own request answers 200.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.sql);
});
afterAll(() => t.close());

const period = 'from=2026-08-01&to=2027-07-31';
const everywhere: Partial<Record<keyof May, string>> = {
  readPupils: '/api/pupils',
  readRequests: '/api/requests',
  readRegister: '/api/tlvs',
  followArrangements: '/api/arrangements',
  readPartnershipPlanNumbers: `/api/opp-numbers?${period}`,
  listStaff: '/api/staff',
  manageSignInMethods: '/api/oidc-providers',
  manageRequestSettings: '/api/request-settings',
  readAuditLog: '/api/audit-log',
  readSupportProfiles: '/api/support-offer/profiles',
  readCoverage: '/api/support-offer/coverage',
  readActionPlans: '/api/quality/plans',
  readAudits: '/api/quality/audit-rounds',
  readIndicators: '/api/quality/indicators',
  readRoundTables: '/api/quality/round-tables',
  exportMeldcodeLog: '/api/meldcode-log.csv',
  readZorgplicht: '/api/zorgplicht/registrations',
  readZorgplichtBoard: '/api/zorgplicht/board',
};
const atSchool: Partial<Record<keyof MayAtSchool, (schoolId: string) => string>> = {
  readSupportRoute: (id) => `/api/schools/${id}/support-route`,
  listMeetings: (id) => `/api/schools/${id}/meetings`,
  overseeAgreements: (id) => `/api/schools/${id}/agreements`,
  listSignals: (id) => `/api/schools/${id}/signals`,
  readPlansOverview: (id) => `/api/schools/${id}/opps`,
  keepMeldcode: (id) => `/api/meldcode/pupils?schoolId=${id}&q=a`,
};
/** Both answers occur, so agreement is not everyone refused (or everyone let in). */
const bothOccur = (m: Record<string, Record<string, boolean>>) => {
  const all = Object.values(m).flatMap((x) => Object.values(x));
  expect([all.includes(true), all.includes(false)]).toEqual([true, true]);
};
const staff = actors.filter((a): a is Exclude<Actor, 'anonymous'> => a !== 'anonymous');

async function sessionOf(actor: Actor): Promise<{ client: Client; user: NonNullable<SessionInfo['user']> }> {
  const client = await clientFor(t.app, t.sql, w, actor);
  const res = await client.get('/api/auth/session');
  expect(res.statusCode).toBe(200);
  return { client, user: res.json().user };
}

describe('what the session says the user may do', () => {
  it('matches the server for every page the main menu, start and admin pages offer', async () => {
    const said: Record<string, Record<string, boolean>> = {};
    const answered: Record<string, Record<string, boolean>> = {};
    for (const actor of staff) {
      const { client, user } = await sessionOf(actor);
      said[actor] = {};
      answered[actor] = {};
      for (const [flag, url] of Object.entries(everywhere)) {
        said[actor][flag] = user.may[flag as keyof May];
        answered[actor][flag] = (await client.get(url)).statusCode === 200;
      }
    }
    expect(said).toEqual(answered);
    bothOccur(said);
  });

  it('offers a school in a picker exactly where the school page answers', async () => {
    const said: Record<string, Record<string, boolean>> = {};
    const answered: Record<string, Record<string, boolean>> = {};
    for (const actor of staff) {
      const { client, user } = await sessionOf(actor);
      for (const schoolId of [w.a.schoolId, w.a.otherSchoolId, w.b.schoolId]) {
        const key = `${actor} @ ${schoolId === w.a.schoolId ? 'A1' : schoolId === w.b.schoolId ? 'B1' : 'A2'}`;
        const may = user.schools.find((s) => s.id === schoolId)?.may;
        said[key] = {};
        answered[key] = {};
        for (const [flag, url] of Object.entries(atSchool)) {
          said[key][flag] = may?.[flag as keyof MayAtSchool] ?? false;
          answered[key][flag] = (await client.get(url(schoolId))).statusCode === 200;
        }
      }
    }
    expect(said).toEqual(answered);
    bothOccur(said);
  });

  it('offers to compose a request at a school only where the server lets the user start one', async () => {
    const seen = new Set<boolean>();
    for (const actor of staff) {
      const { client, user } = await sessionOf(actor);
      for (const school of user.schools) {
        const res = await client.post('/api/requests', { kind: 'consultation', schoolId: school.id, groupDescription: '' });
        expect({ actor, school: school.name, started: res.statusCode === 200 }).toEqual({ actor, school: school.name, started: school.may.composeRequests });
        seen.add(school.may.composeRequests);
      }
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('offers the support offer\'s settings to exactly those the settings page lets change them', async () => {
    const seen = new Set<boolean>();
    for (const actor of staff) {
      const { client, user } = await sessionOf(actor);
      const res = await client.get('/api/support-offer/settings');
      expect({ actor, manage: user.may.manageSupportOffer }).toEqual({ actor, manage: res.json().allowed.manage });
      seen.add(user.may.manageSupportOffer);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('offers the spearheads to change to exactly those the spearheads page lets change them', async () => {
    const seen = new Set<boolean>();
    for (const actor of staff) {
      const { client, user } = await sessionOf(actor);
      const res = await client.get('/api/quality/spearheads');
      expect({ actor, manage: user.may.manageSpearheads }).toEqual({ actor, manage: res.json().allowed.manage });
      seen.add(user.may.manageSpearheads);
    }
    expect([...seen].sort()).toEqual([false, true]);
  });

  it('gives the partnership side of the work list to the loket, the experts and the deciders', async () => {
    const handles = Object.fromEntries(await Promise.all(staff.map(async (a) => [a, (await sessionOf(a)).user.may.handleRequests] as const)));
    expect(Object.keys(handles).filter((a) => handles[a])).toEqual(['swv_director', 'swv_decider', 'swv_consultant', 'swv_expert']);
  });
});
