import type { Sql } from '../db/index.ts';
import { transaction } from '../db/index.ts';
import type { Role } from '../platform/access/roles.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { seedDossiers } from './dossier.ts';
import * as rows from './factories/index.ts';
import { firstNames, lastNames, rng } from './random.ts';

/**
 * A deterministic partnership: boards, schools of every kind (below),
 * locations, staff in every role, classes and pupils. The demo uses it at
 * ~12 schools and a few thousand pupils; bench/ at 40 schools and 40,000.
 * Every table through its row builder, many rows per insert.
 */
export interface SeedOptions {
  name: string;
  registrationNumber: string;
  schools: number;
  pupils: number;
  seed: number;
  /** E-mail domain of the staff accounts. */
  domain: string;
  password: string;
  schoolYear: string;
}

export interface SeededUser {
  email: string;
  role: Role;
  school: string | null;
}

const SCHOOL_TEMPLATES = [
  { kind: 'vo', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt'], name: 'Vakcollege' },
  { kind: 'vo', levels: ['havo', 'vwo'], name: 'Lyceum' },
  { kind: 'vo', levels: ['vmbo-gt', 'havo', 'vwo'], name: 'Scholengemeenschap' },
  { kind: 'pro', levels: ['pro'], name: 'Praktijkschool' },
  { kind: 'vo', levels: ['vmbo-b', 'vmbo-k', 'vmbo-gt', 'havo'], name: 'College' },
  { kind: 'vso', levels: ['vso-arbeid', 'vso-vervolgonderwijs'], name: 'VSO', cluster: 4 },
  { kind: 'vo', levels: ['havo', 'vwo'], name: 'Gymnasium' },
  { kind: 'opdc', levels: ['opdc'], name: 'OPDC' },
  { kind: 'vo', levels: ['vmbo-k', 'vmbo-gt', 'havo'], name: 'Montessori College' },
  { kind: 'vso', levels: ['vso-dagbesteding', 'vso-arbeid'], name: 'VSO', cluster: 3 },
  { kind: 'vo', levels: ['vmbo-b', 'vmbo-k'], name: 'Technisch College' },
  { kind: 'rebound', levels: ['rebound'], name: 'Rebound' },
] as const;
const PLACES = ['Zwolle', 'Kampen', 'Deventer', 'Raalte', 'Dalfsen', 'Hattem', 'Ommen', 'Olst', 'Wijhe', 'Heino'];
const BOARD_NAMES = ['Stichting Carmel', 'Stichting Openbaar VO', 'Vereniging Christelijk VO', 'Stichting Speciaal Onderwijs'];

export async function seedPartnership(sql: Sql, o: SeedOptions): Promise<{ partnershipId: string; users: SeededUser[] }> {
  const r = rng(o.seed);
  const passwordHash = await hashPassword(o.password);
  return transaction(sql, async (tx) => {
    const partnershipId = (await rows.partnership(tx, { name: o.name, sector: 'vo', registration_number: o.registrationNumber })).id;

    const boards = await rows.board.many(tx, BOARD_NAMES.map((name, i) => ({ partnership_id: partnershipId, name, board_number: String(40000 + o.seed * 10 + i).slice(-5) })));

    const schoolRows = Array.from({ length: o.schools }, (_, i) => {
      const t = SCHOOL_TEMPLATES[i % SCHOOL_TEMPLATES.length]!;
      const place = PLACES[i % PLACES.length]!;
      return {
        partnership_id: partnershipId,
        board_id: t.kind === 'vso' ? boards[3]!.id : boards[i % 3]!.id,
        name: `${t.name} ${place}${i >= SCHOOL_TEMPLATES.length ? ` ${Math.floor(i / SCHOOL_TEMPLATES.length) + 1}` : ''}`,
        brin: brin(o.seed, i),
        kind: t.kind,
        levels: [...t.levels],
        cluster: 'cluster' in t ? t.cluster : null,
      };
    });
    const schools = await rows.school.many<{ name: string; kind: string; levels: string[] }>(tx, schoolRows);
    await rows.schoolLocation.many(tx,
      schools.map((s, i) => ({ partnership_id: partnershipId, school_id: s.id, name: 'Hoofdlocatie', street: `Schoolstraat ${i + 1}`, postcode: `80${10 + (i % 80)} AB`, city: PLACES[i % PLACES.length]! })),
    );

    // Staff: partnership roles once; every school role at every school.
    const users: SeededUser[] = [];
    const userRows: { partnership_id: string; email: string; name: string; status: string; password_hash: string }[] = [];
    const assignments: { email: string; role: Role; school_id: string | null }[] = [];
    const person = () => {
      const [prefix, last] = r.pick(lastNames);
      return `${r.pick(firstNames)} ${prefix ? `${prefix} ` : ''}${last}`;
    };
    const addUser = (email: string, role: Role, school: { id: string; name: string } | null, name = person()) => {
      userRows.push({ partnership_id: partnershipId, email, name, status: 'active', password_hash: passwordHash });
      assignments.push({ email, role, school_id: school?.id ?? null });
      users.push({ email, role, school: school?.name ?? null });
    };
    const partnershipStaff = { beheer: 'swv_admin', directeur: 'swv_director', consulent: 'swv_consultant', deskundige: 'swv_expert', deskundige2: 'swv_expert', privacy: 'privacy_officer' } as const;
    for (const [local, role] of Object.entries(partnershipStaff)) addUser(`${local}@${o.domain}`, role, null);
    // Named, not drawn: a draw here would shift every later one, and the demo (and its browser tests) would change.
    addUser(`besluit@${o.domain}`, 'swv_decider', null, 'Anne de Wit');
    // More accounts for the partnership roles that several browser journeys act as: each journey signs in accounts of its own (a second factor is enrolled once).
    for (const [local, role, name] of [['beheer2', 'swv_admin', 'Bas Hendriks'], ['directeur2', 'swv_director', 'Carla Smit'], ['directeur3', 'swv_director', 'Femke Visser'], ['consulent2', 'swv_consultant', 'Dirk Mulder'], ['consulent3', 'swv_consultant', 'Gert Kok'], ['consulent4', 'swv_consultant', 'Ilse de Wit'], ['deskundige3', 'swv_expert', 'Eva Bos'], ['consulent5', 'swv_consultant', 'Lieke Jansen']] as const) {
      addUser(`${local}@${o.domain}`, role, null, name);
    }
    schools.forEach((s, i) => {
      const tag = `s${i + 1}`;
      const schoolStaff = { oco: 'oco', schoolleider: 'schoolleider', ondersteuner: 'ondersteuner', schoolbeheer: 'school_admin' } as const;
      for (const [local, role] of Object.entries(schoolStaff)) addUser(`${local}.${tag}@${o.domain}`, role, s);
    });
    // The first school's aandachtsfunctionaris (meldcode), named: a draw here would shift every later one.
    addUser(`aandacht.s1@${o.domain}`, 'aandachtsfunctionaris', schools[0]!, 'Ilse Kramer');
    const ids = await rows.user.many<{ email: string }>(tx, userRows);
    const idByEmail = new Map(ids.map((u) => [u.email, u.id]));
    await rows.roleAssignment.many(tx, assignments.map((a) => ({ partnership_id: partnershipId, user_id: idByEmail.get(a.email)!, role: a.role, school_id: a.school_id })));

    // Classes: per school, per level, years 1-4; a mentor account per class.
    const classRows: { partnership_id: string; school_id: string; name: string; school_year: string; level: string; year_group: number }[] = [];
    for (const s of schools) {
      for (const level of s.levels) {
        for (let year = 1; year <= 4; year++) {
          classRows.push({ partnership_id: partnershipId, school_id: s.id, name: `${year}${level.replace(/^vmbo-|^vso-/, '').slice(0, 3).toUpperCase()}`, school_year: o.schoolYear, level, year_group: year });
        }
      }
    }
    const classes = await rows.klass.many<{ school_id: string; name: string; level: string; year_group: number }>(tx, classRows);
    const mentorRows = classes.map((c, i) => ({ partnership_id: partnershipId, email: `mentor.${i + 1}@${o.domain}`, name: person(), status: 'active', password_hash: passwordHash }));
    const mentors = await rows.user.many<{ email: string }>(tx, mentorRows);
    await rows.roleAssignment.many(tx, classes.map((c, i) => ({ partnership_id: partnershipId, user_id: mentors[i]!.id, role: 'mentor', school_id: c.school_id })));
    await rows.classStaff.many(tx, classes.map((c, i) => ({ partnership_id: partnershipId, class_id: c.id, user_id: mentors[i]!.id, is_mentor: true })));
    users.push({ email: mentors[0]!.email, role: 'mentor', school: schools[0]!.name });

    // Pupils spread over the classes; ages follow the year group (year 1 ≈ 12).
    const startYear = Number(o.schoolYear.slice(0, 4));
    const pupilRows = Array.from({ length: o.pupils }, (_, i) => {
      const c = classes[i % classes.length]!;
      const [prefix, last] = r.pick(lastNames);
      const birthYear = startYear - 11 - c.year_group;
      return {
        partnership_id: partnershipId,
        school_id: c.school_id,
        student_number: String(100000 + i),
        first_name: r.pick(firstNames),
        name_prefix: prefix,
        last_name: last,
        birth_date: `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        class: c,
      };
    });
    const pupils = await rows.pupil.many(tx, pupilRows.map(({ class: _c, ...row }) => row));
    await rows.enrolment.many(tx, pupilRows.map((p, i) => ({
      partnership_id: partnershipId, pupil_id: pupils[i]!.id, school_id: p.school_id, class_id: p.class.id,
      level: p.class.level, start_date: `${startYear - p.class.year_group + 1}-08-15`,
    })));
    // Parents: every pupil a mother, every other pupil a father too, every tenth a step-parent without parental authority instead (no draws: the rest of the demo stays as it was).
    await rows.pupilContact.many(tx, pupilRows.flatMap((p, i) => {
      const family = [p.name_prefix, p.last_name].filter(Boolean).join(' ');
      const contact = (k: number, relation: string, initial: string, authority: boolean) => ({
        partnership_id: partnershipId, school_id: p.school_id, pupil_id: pupils[i]!.id, name: `${initial}. ${family}`, relation, parental_authority: authority,
        email: `ouder${i + 1}.${k}@ouders.example.nl`, phone: `06 ${String(10000000 + i * 7 + k).slice(-8)}`, source: 'import', position: k,
      });
      const mother = contact(1, 'moeder', 'A', true);
      if (i % 10 === 0) return [mother, contact(2, 'verzorger', 'R', false)];
      return i % 2 === 0 ? [mother, contact(2, 'vader', 'J', true)] : [mother];
    }));
    await seedDossiers(tx, r, partnershipId, startYear);
    return { partnershipId, users };
  });
}

function brin(seed: number, i: number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const n = seed * 1000 + i;
  return `${String(10 + (n % 90)).padStart(2, '0')}${letters[Math.floor(n / 90) % letters.length]}${letters[n % letters.length]}`;
}

