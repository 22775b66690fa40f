import { transaction, type Sql } from '../db/index.ts';
import { schoolYearOf, today } from '../platform/time.ts';
import { seedAbsence, seedSchoolCalendars } from './absence.ts';
import { seedPartnership, type SeededUser } from './partnership.ts';
import { seedPlans } from './plans.ts';
import { seedQuality } from './quality.ts';
import { seedReadyDossier, seedRequests } from './requests.ts';
import { seedMeldcode } from './meldcode.ts';
import { seedSupportOffer } from './support-offer.ts';
import { seedSupportRoute } from './support-route.ts';
import { seedZorgplicht } from './zorgplicht.ts';

export const DEMO_PASSWORD = 'Leerrecht-demo-2026';
export const DEMO_DOMAIN = 'demo.leerrecht.nl';

/** Seeds "Samenwerkingsverband VO Demo" when the database has no partnership yet. */
export async function seedDemoIfEmpty(sql: Sql): Promise<SeededUser[] | null> {
  const [{ count }] = (await sql`select count(*)::int as count from partnerships`) as unknown as [{ count: number }];
  if (count > 0) return null;
  const schoolYear = schoolYearOf(new Date());
  const { partnershipId, users } = await seedPartnership(sql, {
    name: 'Samenwerkingsverband VO Demo',
    registrationNumber: 'VO2699',
    schools: 12,
    pupils: 3000,
    seed: 1,
    domain: DEMO_DOMAIN,
    password: DEMO_PASSWORD,
    schoolYear,
  });
  // The first school's support route, OPPs and requests in every status, a year's TLV register and every school's support offer and registrations in every zorgplicht state, so every screen has something to show.
  await transaction(sql, async (tx) => {
    await seedSupportRoute(tx, partnershipId);
    await seedPlans(tx, partnershipId);
    await seedRequests(tx, partnershipId, DEMO_DOMAIN);
    await seedReadyDossier(tx, partnershipId, DEMO_DOMAIN);
    await seedSupportOffer(tx, partnershipId, schoolYear);
    await seedQuality(tx, partnershipId, schoolYear);
    await seedMeldcode(tx, partnershipId);
    await seedSchoolCalendars(tx, partnershipId, schoolYear);
    await seedAbsence(tx, partnershipId, today());
    await seedZorgplicht(tx, partnershipId);
  });
  return users;
}

/** The accounts printed at start: one of every kind, school roles at the first school. */
const DEMO_ACCOUNTS = ['beheer', 'directeur', 'consulent', 'deskundige', 'besluit', 'privacy', 'oco.s1', 'schoolleider.s1', 'ondersteuner.s1', 'schoolbeheer.s1', 'aandacht.s1', 'mentor.1'];

export const demoSignIns = (sql: Sql) =>
  sql<{ email: string; role: string; school: string | null }[]>`
    select u.email, r.role, s.name as school from users u
    join role_assignments r on r.user_id = u.id left join schools s on s.id = r.school_id
    where u.email in ${sql(DEMO_ACCOUNTS.map((a) => `${a}@${DEMO_DOMAIN}`))}
    order by r.school_id nulls first, u.email`;
