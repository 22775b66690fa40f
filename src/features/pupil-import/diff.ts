/**
 * Compares a parsed file with the school's pupils: who is new, who moved to
 * another class, who left, whose details changed. Used twice: for the preview
 * (in the background job) and inside the apply transaction, where the same
 * records against the same state (checked by fingerprint) give the same plan.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { displayName, type ImportClass, type ImportIssue, type ImportRecord } from './records.ts';
import { LIST_LIMIT, type Preview } from './schema.ts';

export interface ExistingPupil {
  id: string;
  studentNumber: string;
  sourceKey: string | null;
  eckId: string | null;
  bsn: string | null;
  firstName: string;
  prefix: string;
  lastName: string;
  birthDate: string;
  /** The open enrolment at this school, if any. */
  enrolmentId: string | null;
  className: string | null;
  level: string | null;
}

export interface SchoolState {
  pupils: ExistingPupil[];
  /** Class names of the school year (id by name). */
  classes: Map<string, string>;
  /** ECK iDs held by pupils of other schools of the partnership (unique per partnership). */
  eckIdsElsewhere: Set<string>;
  fingerprint: string;
}

/** The school's pupils and this year's classes, read in one consistent snapshot by the caller's transaction. */
export async function loadSchoolState(db: Db, o: { partnershipId: string; schoolId: string; schoolYear: string; eckIds: string[] }): Promise<SchoolState> {
  const pupils = await db<ExistingPupil[]>`
    select p.id, p.student_number as "studentNumber", p.source_key as "sourceKey", p.eck_id as "eckId", p.bsn,
      p.first_name as "firstName", p.name_prefix as prefix, p.last_name as "lastName", p.birth_date as "birthDate",
      e.id as "enrolmentId", c.name as "className", e.level
    from pupils p
    left join lateral (select * from enrolments e where e.pupil_id = p.id and e.school_id = p.school_id and e.end_date is null
                       order by e.start_date desc limit 1) e on true
    left join classes c on c.id = e.class_id
    where p.school_id = ${o.schoolId} and p.partnership_id = ${o.partnershipId}
    order by p.id`;
  const classRows = await db<{ id: string; name: string }[]>`
    select id, name from classes where school_id = ${o.schoolId} and school_year = ${o.schoolYear} order by name`;
  const elsewhere = o.eckIds.length
    ? await db<{ eckId: string }[]>`
        select eck_id as "eckId" from pupils where partnership_id = ${o.partnershipId} and school_id <> ${o.schoolId} and eck_id = any(${o.eckIds}::text[])`
    : [];
  return {
    pupils,
    classes: new Map(classRows.map((c) => [c.name, c.id])),
    eckIdsElsewhere: new Set(elsewhere.map((r) => r.eckId)),
    fingerprint: fingerprintOf(pupils, classRows),
  };
}

function fingerprintOf(pupils: ExistingPupil[], classes: { id: string; name: string }[]): string {
  const h = new RowHash();
  for (const p of pupils) h.add([p.id, p.studentNumber, p.sourceKey, p.eckId, p.bsn, p.firstName, p.prefix, p.lastName, p.birthDate, p.enrolmentId, p.className, p.level]);
  for (const c of classes) h.add([c.id, c.name]);
  return h.digest();
}

/** Incremental sha256 over rows, so a 40,000-pupil school never becomes one big string. */
class RowHash {
  private hash = createHash('sha256');
  add(values: unknown[]) {
    this.hash.update(JSON.stringify(values));
    this.hash.update('\n');
  }
  digest() {
    return this.hash.digest('hex');
  }
}

export type DetailField = 'studentNumber' | 'sourceKey' | 'eckId' | 'bsn' | 'firstName' | 'prefix' | 'lastName' | 'birthDate';
export const fieldLabels: Record<DetailField, string> = {
  studentNumber: 'leerlingnummer',
  sourceKey: 'sleutel',
  eckId: 'ECK iD',
  bsn: 'BSN',
  firstName: 'voornaam',
  prefix: 'voorvoegsel',
  lastName: 'achternaam',
  birthDate: 'geboortedatum',
};

export interface Plan {
  newPupils: ImportRecord[];
  updates: { pupil: ExistingPupil; set: Partial<Record<DetailField, string | null>> }[];
  moves: { pupil: ExistingPupil; className: string | null; level: string | null }[];
  /** `leftOn`: the day the file says the pupil left; null: missing from the file (leaves on the export's date). */
  leavers: (ExistingPupil & { leftOn: string | null })[];
  newClasses: ImportClass[];
  unchanged: number;
  skipped: number;
  warnings: ImportIssue[];
}

const MAX_WARNINGS = 200;

export function computePlan(state: SchoolState, records: ImportRecord[], classes: ImportClass[]): Plan {
  const index = <K extends keyof ExistingPupil>(k: K) => {
    const m = new Map<string, ExistingPupil>();
    for (const p of state.pupils) if (p[k]) m.set(String(p[k]), p);
    return m;
  };
  const byKey = index('sourceKey');
  const byEck = index('eckId');
  const byBsn = index('bsn');
  const byNumber = index('studentNumber');
  const matched = new Set<string>();
  const plan: Plan = { newPupils: [], updates: [], moves: [], leavers: [], newClasses: [], unchanged: 0, skipped: 0, warnings: [] };
  const warn = (r: ImportRecord, message: string) => {
    plan.skipped++;
    if (plan.warnings.length < MAX_WARNINGS) plan.warnings.push({ line: null, element: r.key ?? r.studentNumber, message });
  };
  const newNumbers = new Set<string>();
  const wantedClasses = new Map(classes.map((c) => [c.name, c]));

  for (const r of records) {
    // Matched by the strongest key the file has: its own key, then ECK iD, then BSN, then the pupil number.
    const p = (r.key && byKey.get(r.key)) || (r.eckId && byEck.get(r.eckId)) || (r.bsn && byBsn.get(r.bsn)) || byNumber.get(r.studentNumber) || null;
    if (p && matched.has(p.id)) {
      warn(r, 'Deze leerling staat twee keer in het bestand (zelfde sleutel, ECK iD of BSN); de tweede keer is overgeslagen.');
      continue;
    }
    if (r.leftOn) {
      if (p) {
        matched.add(p.id);
        if (p.enrolmentId) plan.leavers.push({ ...p, leftOn: r.leftOn });
        else plan.unchanged++;
      }
      continue;
    }
    if (!p) {
      if (r.eckId && state.eckIdsElsewhere.has(r.eckId)) {
        warn(r, 'Deze leerling (ECK iD) staat bij een andere school van het samenwerkingsverband; een overstap gaat via de overdracht, niet via de import.');
        continue;
      }
      if (!r.birthDate) {
        warn(r, 'De geboortedatum ontbreekt; een nieuwe leerling wordt pas aangemaakt met geboortedatum.');
        continue;
      }
      if (!r.firstName && !r.lastName) {
        warn(r, 'De naam ontbreekt.');
        continue;
      }
      if (newNumbers.has(r.studentNumber)) {
        warn(r, 'Dit leerlingnummer staat twee keer in het bestand; de tweede keer is overgeslagen.');
        continue;
      }
      newNumbers.add(r.studentNumber);
      plan.newPupils.push(r);
      if (r.className && !wantedClasses.has(r.className)) wantedClasses.set(r.className, { name: r.className, yearGroup: null, level: r.level ?? null });
      continue;
    }
    matched.add(p.id);
    // Details: what the file says wins; what it leaves out (no BSN, no ECK iD, no birth date) stays.
    const set: Partial<Record<DetailField, string | null>> = {};
    const wanted: Record<DetailField, string | null> = {
      studentNumber: r.studentNumber,
      sourceKey: r.key ?? p.sourceKey,
      eckId: r.eckId ?? p.eckId,
      bsn: r.bsn ?? p.bsn,
      firstName: r.firstName || p.firstName,
      prefix: r.firstName || r.lastName ? r.prefix : p.prefix,
      lastName: r.lastName || (r.firstName ? '' : p.lastName),
      birthDate: r.birthDate ?? p.birthDate,
    };
    if (wanted.eckId && wanted.eckId !== p.eckId && state.eckIdsElsewhere.has(wanted.eckId)) wanted.eckId = p.eckId;
    for (const f of Object.keys(wanted) as DetailField[]) if (wanted[f] !== p[f]) set[f] = wanted[f];
    if (Object.keys(set).length) plan.updates.push({ pupil: p, set });
    const className = r.className === undefined ? p.className : r.className;
    const level = r.level === undefined ? p.level : r.level;
    if (!p.enrolmentId || className !== p.className || level !== p.level) {
      plan.moves.push({ pupil: p, className, level });
      if (className && !wantedClasses.has(className)) wantedClasses.set(className, { name: className, yearGroup: null, level });
    } else if (!Object.keys(set).length) plan.unchanged++;
  }
  for (const p of state.pupils) if (!matched.has(p.id) && p.enrolmentId) plan.leavers.push({ ...p, leftOn: null });
  plan.newClasses = [...wantedClasses.values()].filter((c) => !state.classes.has(c.name));
  return plan;
}

/**
 * Share of the school's enrolled pupils above which an import's leavers need
 * an explicit confirmation. A normal change of school year ends about an
 * eighth of a primary school's enrolments (groep 8) and up to a quarter of a
 * secondary school's (the exam classes; a vmbo school has four years). More
 * than that is rather a partial export (one location, one department) or
 * another school's file, and applying it would end the enrolment of pupils
 * who never left.
 */
export const LEAVER_CONFIRMATION_SHARE = 0.25;

export const leaversNeedConfirmation = (leavers: number, enrolled: number) => leavers > 0 && leavers > enrolled * LEAVER_CONFIRMATION_SHARE;

/** The school's pupils with an open enrolment before the import. */
export const enrolledCount = (state: SchoolState) => state.pupils.filter((p) => p.enrolmentId).length;

export function previewOf(plan: Plan, o: { schoolYear: string; referenceDate: string; enrolled: number }, parseWarnings: ImportIssue[]): Preview {
  const name = (p: { firstName: string; prefix: string; lastName: string }) => displayName(p);
  const warnings = [...parseWarnings, ...plan.warnings];
  return {
    schoolYear: o.schoolYear,
    referenceDate: o.referenceDate,
    enrolled: o.enrolled,
    leaversNeedConfirmation: leaversNeedConfirmation(plan.leavers.length, o.enrolled),
    counts: {
      newPupils: plan.newPupils.length,
      classChanges: plan.moves.length,
      leavers: plan.leavers.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      skipped: plan.skipped,
      newClasses: plan.newClasses.length,
    },
    newPupils: plan.newPupils.slice(0, LIST_LIMIT).map((r) => ({ pupilId: null, studentNumber: r.studentNumber, name: name(r), className: r.className ?? null })),
    classChanges: plan.moves.slice(0, LIST_LIMIT).map((m) => ({ pupilId: m.pupil.id, studentNumber: m.pupil.studentNumber, name: name(m.pupil), from: m.pupil.enrolmentId ? m.pupil.className : null, to: m.className })),
    leavers: plan.leavers.slice(0, LIST_LIMIT).map((p) => ({ pupilId: p.id, studentNumber: p.studentNumber, name: name(p), className: p.className })),
    updated: plan.updates.slice(0, LIST_LIMIT).map((u) => ({ pupilId: u.pupil.id, studentNumber: u.pupil.studentNumber, name: name(u.pupil), fields: Object.keys(u.set).map((f) => fieldLabels[f as DetailField]) })),
    newClasses: plan.newClasses.map((c) => c.name).slice(0, LIST_LIMIT),
    warnings: warnings.slice(0, LIST_LIMIT),
  };
}
