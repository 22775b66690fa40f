import type { Db } from '../../db/index.ts';
import type { MeetingKindCode } from './schema.ts';

/**
 * The six usual kinds of meeting of a school's support route (klassen- and
 * leerlingbespreking, intern ondersteuningsteam, SOT, SOT+, MT), with who
 * attends and how often.
 * Each school renames and adjusts them; 'mentor' means the mentors of the
 * pupils on the agenda (they are invited as their pupils are added).
 */
export const DEFAULT_KINDS: { code: MeetingKindCode; name: string; defaultRoles: string[]; rhythm: string }[] = [
  { code: 'klassenbespreking', name: 'Klassenbespreking', defaultRoles: ['mentor'], rhythm: 'Minstens 3× per schooljaar' },
  { code: 'leerlingbespreking', name: 'Leerlingbespreking', defaultRoles: ['mentor', 'schoolleider'], rhythm: 'Wanneer nodig, na de klassenbespreking' },
  { code: 'intern_ot', name: 'Intern ondersteuningsteam', defaultRoles: ['oco', 'schoolleider', 'mentor', 'ondersteuner'], rhythm: 'Wekelijks of om de week' },
  { code: 'sot', name: 'SOT (schoolondersteuningsteam)', defaultRoles: ['oco', 'ondersteuner'], rhythm: 'Maandelijks' },
  { code: 'sot_plus', name: 'SOT+ (met externe deskundigen)', defaultRoles: ['oco', 'ondersteuner'], rhythm: '3 tot 6× per schooljaar' },
  { code: 'mt', name: 'MT (directie)', defaultRoles: ['schoolleider'], rhythm: '3 tot 4× per schooljaar' },
];

/**
 * Makes the default kinds for a school that has none yet. The school row is
 * locked, so two first reads at the same moment make them once.
 */
export async function ensureDefaultKinds(tx: Db, partnershipId: string, schoolId: string): Promise<boolean> {
  const [has] = await tx`select 1 from meeting_kinds where school_id = ${schoolId} limit 1`;
  if (has) return false;
  await tx`select id from schools where id = ${schoolId} for update`;
  const [again] = await tx`select 1 from meeting_kinds where school_id = ${schoolId} limit 1`;
  if (again) return false;
  await tx`insert into meeting_kinds ${tx(
    DEFAULT_KINDS.map((k, i) => ({ partnership_id: partnershipId, school_id: schoolId, code: k.code, name: k.name, default_roles: k.defaultRoles, rhythm: k.rhythm, position: i * 10 })),
  )}`;
  return true;
}
