/**
 * Setup of a bench run on the seeded database: second factors for the
 * accounts that sign in through the API, and the fixture (ids the endpoints
 * rotate over). See bench/README.md.
 */
import type { Sql } from '../src/db/index.ts';
import { endsSoonUntil } from '../src/features/tlv-register/tlv-dates.ts';
import { totpContext } from '../src/features/auth/mfa.ts';
import { unlock } from '../src/platform/auth/lockout.ts';
import { secretBox } from '../src/platform/secrets.ts';
import { newTotpSecret } from '../src/platform/auth/totp.ts';
import { today } from '../src/platform/time.ts';
import type { Account, Fixture } from './endpoints.ts';
import { consultantQuery, requestTargets } from './seed-requests.ts';
import { BENCH_SECRET_KEY, benchIdentity, oppTarget, type BenchSize } from './seed.ts';

/** The school of the dossier endpoints: not school 1, whose OCO is the audit-actor filter (its row count should not grow run by run). */
const DOSSIER_SCHOOL = 2;

export interface Prepared {
  fixture: Fixture;
  /** Sign-in address and TOTP secret of every account the app requests run as. */
  accounts: Map<Account, { email: string; secret: string }>;
  pgVersion: string;
}

export async function prepare(sql: Sql, size: BenchSize, partnershipId: string): Promise<Prepared> {
  const { domain } = benchIdentity(size);
  const one = async <T>(q: Promise<T[]>, what: string): Promise<T> => (await q)[0] ?? fail(what);
  const fail = (what: string): never => {
    throw new Error(`bench setup: ${what} not found; is the seed complete? (rm -rf bench/.data to start over)`);
  };

  const accounts = new Map<Account, { email: string; secret: string }>();
  const ocoEmail = `oco.s${DOSSIER_SCHOOL}@${domain}`;
  // The consultant who holds the seeded requests, so the queue names them and the work list has their own requests by their clocks.
  const consultant = await one(sql<{ email: string }[]>`select email from users where id = (${consultantQuery(sql, partnershipId)})`, 'the consultant of the requests');
  const partnershipAccounts = [['admin', `beheer@${domain}`], ['privacy', `privacy@${domain}`], ['oco', ocoEmail], ['consultant', consultant.email], ['director', `directeur@${domain}`]] as const;
  for (const [a, email] of partnershipAccounts) accounts.set(a, { email, secret: newTotpSecret() });

  const oco = await one(
    sql<{ id: string; schoolId: string }[]>`
      select u.id, r.school_id as "schoolId" from users u join role_assignments r on r.user_id = u.id and r.role = 'oco' where lower(u.email) = ${ocoEmail}`,
    ocoEmail,
  );
  // All pupils of the school with a dossier, and as many without: the pages an OCO opens most, and the plain ones.
  const pupils = await sql<{ id: string; dossier: boolean }[]>`
    (select id, true as dossier from pupils where school_id = ${oco.schoolId} and support_level <> 'basis' order by student_number)
    union all
    (select id, false from pupils where school_id = ${oco.schoolId} and support_level = 'basis' order by student_number
     limit (select count(*) from pupils where school_id = ${oco.schoolId} and support_level <> 'basis'))`;
  const scans = await sql<Fixture['scans']>`
    select c.id as "classId", u.email as "mentorEmail", u.id as "mentorId",
      (select count(*)::int from enrolments e where e.class_id = c.id and e.end_date is null) as pupils
    from classes c join class_staff cs on cs.class_id = c.id and cs.is_mentor join users u on u.id = cs.user_id
    where c.school_id = ${oco.schoolId} order by c.name`;
  for (const s of scans) accounts.set(`mentor:${s.mentorEmail}`, { email: s.mentorEmail, secret: newTotpSecret() });
  // Three letters from the start of first and last names (the common case), spread deterministically.
  const terms = await sql<{ term: string }[]>`
    (select t as term from (select distinct lower(substr(first_name, 1, 3)) as t from pupils where school_id = ${oco.schoolId}) x
     where length(t) = 3 order by md5(t) limit 12)
    union all
    (select t from (select distinct lower(substr(last_name, 1, 3)) as t from pupils where school_id = ${oco.schoolId}) x
     where length(t) = 3 order by md5(t) limit 12)`;
  const opps = await sql<{ id: string }[]>`select id from opps where school_id = ${oco.schoolId} order by created_at, id`;
  const [{ oppCount }] = (await sql`select count(*)::int as "oppCount" from opps where partnership_id = ${partnershipId}`) as unknown as [{ oppCount: number }];
  if (oppCount < oppTarget(size)) fail(`${oppTarget(size)} OPPs (have ${oppCount})`);

  // The loket (bench/seed-requests.ts): the queue and the TLV register.
  const day = today();
  const loket = await one(
    sql<Fixture['loket'][]>`
      select (select id from users where lower(email) = ${consultant.email}) as "consultantId", ${consultant.email}::text as "consultantEmail",
        (select id from users where lower(email) = ${`directeur@${domain}`}) as "directorId",
        (select count(*)::int from tlvs where partnership_id = ${partnershipId}) as tlvs,
        (select count(*)::int from tlvs where partnership_id = ${partnershipId} and ends_on between ${day} and ${endsSoonUntil(day)}) as "endsSoon",
        (select count(*)::int from arrangements where partnership_id = ${partnershipId}) as arrangements,
        (select count(*)::int from requests where partnership_id = ${partnershipId} and status in ('submitted', 'in_review', 'advice', 'decision')) as open,
        (select count(*)::int from requests where partnership_id = ${partnershipId} and status = 'in_review') as "inReview"`,
    'loket',
  );
  const wanted = requestTargets(size.pupils);
  if (!loket.consultantId || !loket.directorId) fail('consultant and director');
  if (loket.tlvs < wanted.tlvs || loket.open < wanted.open) fail(`${wanted.tlvs} TLVs and ${wanted.open} open requests (have ${loket.tlvs} and ${loket.open})`);

  // The support offer: the directory's code, the need 'Autisme', and the demand the gap map reads.
  const offer = await one(
    sql<Fixture['offer'][]>`
      select pa.registration_number as code, (select id from support_needs where partnership_id = pa.id and label = 'Autisme') as "needId", '2026-2027' as "schoolYear",
        (select count(*)::int from support_profiles where partnership_id = pa.id) as profiles,
        (select count(*)::int from pupil_needs n where n.partnership_id = pa.id and n.support_need_id is not null) as "demandRows"
      from partnerships pa where pa.id = ${partnershipId}`,
    'support offer',
  );
  if (!offer.needId || offer.profiles === 0) fail('the support offer (needs and profiles)');

  // Seeded accounts have no second factor yet; the bench gives the ones it signs in one.
  const secrets = secretBox(Buffer.from(BENCH_SECRET_KEY, 'base64'));
  for (const { email, secret } of accounts.values()) {
    const [u] = await sql<{ id: string }[]>`select id from users where lower(email) = ${email} and not email_in_use`;
    if (!u) fail(`account ${email}`);
    await sql`update users set totp_secret = ${secrets.seal(secret, totpContext(u!.id))}, totp_enabled_at = now(), totp_last_step = null where id = ${u!.id}`;
    await unlock(sql, email);
  }
  // Sign-in load rotates over 200 mentor accounts (one account would serialise on its row lock).
  const mentors = await sql<{ email: string }[]>`
    select email from users where partnership_id = ${partnershipId} and email like 'mentor.%' order by email limit 200`;
  for (const m of mentors) await unlock(sql, m.email);
  const actor = await one(sql<{ id: string }[]>`select id from users where lower(email) = ${`oco.s1@${domain}`}`, 'oco.s1');
  const reader = await one(sql<{ id: string }[]>`select id from users where lower(email) = ${accounts.get('privacy')!.email}`, 'privacy officer');
  const [{ staff }] = (await sql`select count(*)::int as staff from users where partnership_id = ${partnershipId}`) as unknown as [{ staff: number }];
  const [{ rows }] = (await sql`select count(*)::int as rows from audit_log where partnership_id = ${partnershipId}`) as unknown as [{ rows: number }];
  const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
  return {
    fixture: {
      partnershipId,
      signInEmails: mentors.map((m) => m.email),
      actorId: actor.id,
      readerId: reader.id,
      staffCount: staff,
      auditRows: rows,
      oco: { id: oco.id, email: ocoEmail, schoolId: oco.schoolId },
      pupilIds: pupils.map((p) => p.id),
      pupilsWithDossier: pupils.filter((p) => p.dossier).length,
      scans: [...scans],
      searchTerms: terms.map((t) => t.term),
      oppIds: opps.map((o) => o.id),
      oppCount,
      loket,
      offer,
    },
    accounts,
    pgVersion: version,
  };
}
