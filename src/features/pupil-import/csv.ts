/**
 * CSV exports (Magister, ParnasSys, Somtoday, or a spreadsheet): the school maps
 * its column headers once (remembered per school). `;` or `,` and a BOM are
 * detected. A file with any bad row is refused as a whole: half an import is
 * worse than none.
 */
import { parse } from 'csv-parse/sync';
import { parseDay, type ImportClass, type ImportContact, type ImportIssue, type ImportRecord, type ParseResult, type Progress } from './records.ts';
import type { CsvMapping } from './schema.ts';

const MAX_ISSUES = 100;

export const mappingLabels: Record<keyof CsvMapping, string> = {
  studentNumber: 'Leerlingnummer',
  firstName: 'Roepnaam / voornaam',
  prefix: 'Voorvoegsel',
  lastName: 'Achternaam',
  birthDate: 'Geboortedatum',
  className: 'Klas / groep',
  level: 'Niveau',
  eckId: 'ECK iD',
  bsn: 'BSN',
  key: 'Sleutel (key)',
  parent1Name: 'Ouder 1: naam',
  parent1Email: 'Ouder 1: e-mail',
  parent1Phone: 'Ouder 1: telefoon',
  parent1Authority: 'Ouder 1: gezag',
  parent2Name: 'Ouder 2: naam',
  parent2Email: 'Ouder 2: e-mail',
  parent2Phone: 'Ouder 2: telefoon',
  parent2Authority: 'Ouder 2: gezag',
};

const PARENTS = [
  { name: 'parent1Name', email: 'parent1Email', phone: 'parent1Phone', authority: 'parent1Authority' },
  { name: 'parent2Name', email: 'parent2Email', phone: 'parent2Phone', authority: 'parent2Authority' },
] as const;
const YES = new Set(['ja', 'j', 'yes', 'y', '1', 'true', 'waar', 'x']);
const NO = new Set(['nee', 'n', 'no', '0', 'false', 'onwaar', '']);

/** `;` (Dutch Excel) or `,`: whichever the header line has more of, outside quotes. */
export function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  return (unquoted.match(/;/g)?.length ?? 0) >= (unquoted.match(/,/g)?.length ?? 0) && unquoted.includes(';') ? ';' : ',';
}

const norm = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();

export async function parseCsv(bytes: Uint8Array, mapping: CsvMapping, progress: Progress = () => {}): Promise<ParseResult> {
  const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) return { ok: false, errors: [{ line: null, element: null, message: 'Het bestand is geen UTF-8-tekst. Sla het op als "CSV UTF-8".' }] };
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { delimiter: detectDelimiter(text), info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? null;
    return { ok: false, errors: [{ line, element: null, message: 'Het CSV-bestand is niet goed opgebouwd (bijvoorbeeld een aanhalingsteken dat niet sluit).', detail: String((e as Error).message).slice(0, 300) }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, element: null, message: 'Het bestand is leeg.' }] };
  const header = rows[0]!.record.map(norm);
  const columns = {} as Record<keyof CsvMapping, number | undefined>;
  const errors: ImportIssue[] = [];
  for (const [field, name] of Object.entries(mapping) as [keyof CsvMapping, string | null | undefined][]) {
    if (!name) continue;
    const i = header.indexOf(norm(name));
    if (i < 0) errors.push({ line: 1, element: name, message: `De kolom "${name}" (${mappingLabels[field]}) staat niet in het bestand. Gevonden kolommen: ${rows[0]!.record.join(', ').slice(0, 300)}.` });
    columns[field] = i < 0 ? undefined : i;
  }
  if (errors.length) return { ok: false, errors };

  const records: ImportRecord[] = [];
  const classes = new Map<string, ImportClass>();
  const seen = new Map<string, number>();
  const body = rows.slice(1);
  const step = Math.max(1000, Math.ceil(body.length / 20));
  for (let i = 0; i < body.length; i++) {
    const { record, info } = body[i]!;
    const line = info.lines;
    const cell = (f: keyof CsvMapping): string | null => {
      const c = columns[f];
      if (c === undefined) return null;
      const v = record[c]?.trim() ?? '';
      return v === '' ? null : v;
    };
    const problem = (f: keyof CsvMapping, message: string) => {
      if (errors.length < MAX_ISSUES) errors.push({ line, element: mapping[f] ?? mappingLabels[f], message });
    };
    const studentNumber = cell('studentNumber');
    const firstName = cell('firstName');
    const lastName = cell('lastName');
    const rawBirth = cell('birthDate');
    if (!studentNumber) problem('studentNumber', 'Het leerlingnummer ontbreekt.');
    else if (studentNumber.length > 64) problem('studentNumber', 'Het leerlingnummer is langer dan 64 tekens.');
    else if (seen.has(studentNumber)) problem('studentNumber', `Dit leerlingnummer staat ook op regel ${seen.get(studentNumber)}.`);
    if (!firstName) problem('firstName', 'De voornaam ontbreekt.');
    if (!lastName) problem('lastName', 'De achternaam ontbreekt.');
    const birthDate = rawBirth ? parseDay(rawBirth) : null;
    if (!rawBirth) problem('birthDate', 'De geboortedatum ontbreekt.');
    else if (!birthDate) problem('birthDate', `"${rawBirth.slice(0, 20)}" is geen datum; gebruik dd-mm-jjjj of jjjj-mm-dd.`);
    let bsn = cell('bsn');
    // Spreadsheets drop a leading zero: 8 digits is a BSN that started with 0.
    if (bsn && /^\d{8}$/.test(bsn)) bsn = `0${bsn}`;
    if (bsn && !/^\d{9}$/.test(bsn)) problem('bsn', 'Een BSN bestaat uit 9 cijfers.');
    const className = columns.className === undefined ? undefined : cell('className');
    const level = columns.level === undefined ? undefined : cell('level');
    for (const [f, v, max] of [['firstName', firstName, 200], ['lastName', lastName, 200], ['prefix', cell('prefix'), 20], ['className', className, 64], ['level', level, 32], ['eckId', cell('eckId'), 256], ['key', cell('key'), 256]] as const) {
      if (v && v.length > max) problem(f, `Hoogstens ${max} tekens.`);
    }
    // Parents: only when the mapping names a parent column; a parent without a name is a mistake in the file.
    let contacts: ImportContact[] | undefined;
    if (PARENTS.some((f) => columns[f.name] !== undefined)) {
      contacts = [];
      for (const f of PARENTS) {
        const name = cell(f.name);
        const email = cell(f.email)?.toLowerCase() ?? '';
        const phone = cell(f.phone) ?? '';
        const authority = (cell(f.authority) ?? '').toLowerCase();
        if (!name) {
          if (email || phone) problem(f.name, 'Er staat een e-mailadres of telefoonnummer zonder naam.');
          continue;
        }
        if (name.length > 120) problem(f.name, 'Hoogstens 120 tekens.');
        if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem(f.email, `"${email.slice(0, 60)}" is geen e-mailadres.`);
        if (phone && !/^[0-9+() -]{6,20}$/.test(phone)) problem(f.phone, `"${phone.slice(0, 30)}" is geen telefoonnummer.`);
        if (!YES.has(authority) && !NO.has(authority)) problem(f.authority, 'Vul ja of nee in.');
        // No gezag column: the export lists the parents who are responsible for the pupil, so they hold authority unless it says otherwise.
        contacts.push({ name, email, phone, parentalAuthority: columns[f.authority] === undefined || YES.has(authority) });
      }
    }
    if (studentNumber && !seen.has(studentNumber)) seen.set(studentNumber, line);
    if (className && !classes.has(className)) classes.set(className, { name: className, yearGroup: null, level: level ?? null });
    records.push({
      key: cell('key'),
      studentNumber: studentNumber ?? '',
      firstName: firstName ?? '',
      prefix: cell('prefix') ?? '',
      lastName: lastName ?? '',
      birthDate,
      eckId: cell('eckId'),
      bsn,
      ...(className !== undefined ? { className } : {}),
      ...(level !== undefined ? { level } : {}),
      leftOn: null,
      ...(contacts ? { contacts } : {}),
    });
    if ((i + 1) % step === 0) await progress(i + 1, body.length);
  }
  if (errors.length) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: [{ line: 2, element: null, message: 'Het bestand bevat geen leerlingen.' }] };
  await progress(body.length, body.length);
  // A CSV has no header with its date: the importer confirms it on upload.
  return { ok: true, records, classes: [...classes.values()], warnings: [], referenceDate: null };
}
