/**
 * What a parsed import file holds, whatever its format: the school's pupils
 * (normalised) and its classes. The diff compares these with the database.
 */
import { day } from '../../platform/http/schemas.ts';

/** One problem with the file: where (line, element or column) and what, in Dutch. */
export interface ImportIssue {
  line: number | null;
  element: string | null;
  message: string;
  /** The validator's own words (English), for the school's administrator. */
  detail?: string;
}

export interface ImportRecord {
  /** The pupil's key in the pupil information system (EDEXML @key). */
  key: string | null;
  studentNumber: string;
  firstName: string;
  prefix: string;
  lastName: string;
  /** 'YYYY-MM-DD'; null when the file has none (the pupil can then be matched, not created). */
  birthDate: string | null;
  eckId: string | null;
  /** Stored only to match pupils; never in a response, log or audit row. */
  bsn: string | null;
  /** undefined: the file says nothing about the class (keep); null: no class. */
  className?: string | null;
  /** undefined: the file says nothing about the level (EDEXML has none; keep). */
  level?: string | null;
  /** Day the pupil left, when on or before the export's reference date: a leaver, not a pupil. */
  leftOn: string | null;
  /** The parents the file names; undefined: the file has no parent columns (keep what the dossier has). */
  contacts?: ImportContact[];
}

export interface ImportContact {
  name: string;
  email: string;
  phone: string;
  parentalAuthority: boolean;
}

export interface ImportClass {
  name: string;
  yearGroup: number | null;
  level: string | null;
}

export type ParseResult =
  | {
      ok: true;
      records: ImportRecord[];
      classes: ImportClass[];
      warnings: ImportIssue[];
      /** The day the export describes, when the file says (EDEXML peildatum or aanmaakdatum); 'YYYY-MM-DD'. */
      referenceDate: string | null;
    }
  | { ok: false; errors: ImportIssue[] };

/** Progress callback: parsers report every few thousand rows, never per row. */
export type Progress = (done: number, total: number) => Promise<void> | void;

export const displayName = (r: { firstName: string; prefix: string; lastName: string }) =>
  [r.firstName, r.prefix, r.lastName].filter((s) => s !== '').join(' ');

/** A day 'YYYY-MM-DD' from 'YYYY-MM-DD' or 'DD-MM-YYYY' (also with / or .) that the app's `day` accepts (it exists, 1990-2100), else null. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [match[1]!, match[2]!, match[3]!];
  else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, m, y] = [match[1]!, match[2]!, match[3]!];
  else return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return day.safeParse(iso).success ? iso : null;
}

/**
 * EDEXML jaargroep → our year group: PO groep 0-8 as is, VO leerjaar 11-16 →
 * 1-6 (so a '2 havo' class is year 2, as everywhere else); letters (S, V, C, N,
 * H, B, D) have no year.
 */
export function yearGroupOf(jaargroep: string | null | undefined): number | null {
  if (!jaargroep || !/^\d+$/.test(jaargroep)) return null;
  const n = Number(jaargroep);
  if (n >= 0 && n <= 8) return n;
  if (n >= 11 && n <= 16) return n - 10;
  return null;
}
