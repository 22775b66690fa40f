/**
 * EDEXML 2.1 (Edustandaard): the standard export of pupils and groups from
 * Dutch pupil information systems (docs/decisions/0006-pupil-import.md). A file
 * is validated against the published XSD (xmllint-wasm, libxml2) before a
 * single value is read; a file that fails is refused as a whole, with the line
 * and element that are wrong.
 */
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { parseDay, yearGroupOf, type ImportClass, type ImportIssue, type ImportRecord, type ParseResult, type Progress } from './records.ts';

const XSD_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'xsd');
const FILE_NAME = 'bestand.xml';
let schemas: { main: XMLFileInfo; preload: XMLFileInfo[] } | null = null;

function loadSchemas() {
  const read = (fileName: string): XMLFileInfo => ({ fileName, contents: fs.readFileSync(path.join(XSD_DIR, fileName), 'utf8') });
  schemas ??= { main: read('EDEXML.structuur.xsd'), preload: ['EDEXML.elementen.xsd', 'EDEXML.types.vast.xsd', 'EDEXML.types.variabel.xsd'].map(read) };
  return schemas;
}

/** Dutch wording for libxml2's messages; the original goes along as `detail`. */
const explanations: [RegExp, string][] = [
  [/This element is not expected/, 'Dit element hoort hier niet (onbekend, dubbel of in de verkeerde volgorde).'],
  [/Missing child element/, 'Hier ontbreekt een verplicht element.'],
  [/is not a valid value|is not facet-valid|is not accepted by the pattern|has a length of|not an element of the set/, 'Deze waarde is ongeldig volgens EDEXML 2.1.'],
  [/No match found for key-sequence/, 'Verwijst naar een groep, samengestelde groep of vestiging die niet in het bestand staat.'],
  [/Duplicate key-sequence/, 'Deze sleutel (key of ECK iD) komt twee keer voor.'],
  [/attribute '[^']+' is required|The attribute '[^']+' is required/, 'Hier ontbreekt een verplicht attribuut.'],
  [/attribute '[^']+' is not allowed/, 'Dit attribuut hoort hier niet.'],
  [/No matching global declaration|not a valid root|No matching global element/, 'Dit is geen EDEXML-bestand (het hoofdelement moet EDEX zijn).'],
  [/parser error|Premature end|Document is empty|Start tag expected/, 'Het bestand is geen goed gevormde XML.'],
];

function issueOf(message: string, line: number | null): ImportIssue {
  const detail = message.replace(/\s+/g, ' ').trim();
  const element =
    /Element '([^']+)'/.exec(detail)?.[1] ??
    /tag mismatch: (\S+)/.exec(detail)?.[1] ??
    /Couldn't find end of Start Tag (\S+)/.exec(detail)?.[1] ??
    /expected '<\/?([^'>]+)>'/.exec(detail)?.[1] ??
    null;
  const text = explanations.find(([re]) => re.test(detail))?.[1] ?? 'Het bestand voldoet niet aan EDEXML 2.1.';
  return { line, element, message: text, detail: detail.slice(0, 500) };
}

/** At most this many problems are kept: a broken export can have one per line. */
const MAX_ISSUES = 100;

export async function validateEdexml(bytes: Uint8Array): Promise<ImportIssue[]> {
  // EDEXML uses no DTD; refusing one up front closes the door on entity expansion.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('<!DOCTYPE') >= 0 || buf.indexOf('<!ENTITY') >= 0) return [{ line: 1, element: null, message: 'Een DOCTYPE-declaratie hoort niet in een EDEXML-bestand.' }];
  const s = loadSchemas();
  const result = await validateXML({
    xml: [{ fileName: FILE_NAME, contents: bytes }],
    schema: [s.main],
    preload: s.preload,
    // A 40,000-pupil export is ~20 MB; libxml2's tree needs several times that.
    maxMemoryPages: memoryPages.GiB,
  });
  if (result.valid) return [];
  const issues = result.errors
    .filter((e) => e.loc !== null && e.message.trim() !== '')
    .slice(0, MAX_ISSUES)
    .map((e) => issueOf(e.message, e.loc!.lineNumber));
  return issues.length ? issues : [{ line: null, element: null, message: 'Het bestand voldoet niet aan EDEXML 2.1.', detail: result.rawOutput.slice(0, 500) }];
}

type Node = Record<string, unknown>;
const arr = (x: unknown): Node[] => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? (x as Node[]) : [x as Node]);
const text = (x: unknown): string | null => {
  if (x === undefined || x === null) return null;
  if (typeof x === 'object') return text((x as Node)['#text']);
  const s = String(x).trim();
  return s === '' ? null : s;
};

/**
 * Validate, then map leerlingen and groepen. Samengestelde groepen (subject
 * or cluster groups) are not classes; teachers are not imported here.
 */
export async function parseEdexml(bytes: Uint8Array, progress: Progress = () => {}): Promise<ParseResult> {
  const errors = await validateEdexml(bytes);
  if (errors.length) return { ok: false, errors };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: false,
  });
  const doc = parser.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')) as { EDEX: Node };
  const edex = doc.EDEX;
  const school = edex.school as Node;
  // A pupil who left on or before the reference date is a leaver, not a pupil.
  const referenceDay = text(school.peildatum) ?? text(school.aanmaakdatum)?.slice(0, 10) ?? null;

  const groups = new Map<string, ImportClass>();
  for (const g of arr((edex.groepen as Node | undefined)?.groep)) {
    groups.set(String(g['@key']), { name: text(g.naam) ?? String(g['@key']), yearGroup: yearGroupOf(text(g.jaargroep)), level: null });
  }

  const pupils = arr((edex.leerlingen as Node).leerling);
  const records: ImportRecord[] = [];
  const warnings: ImportIssue[] = [];
  const step = Math.max(1000, Math.ceil(pupils.length / 20));
  for (let i = 0; i < pupils.length; i++) {
    const l = pupils[i]!;
    const key = String(l['@key']);
    const groupKey = l.groep ? String((l.groep as Node)['@key']) : null;
    const left = text(l.uitstroomdatum);
    const lastName = text(l.achternaam) ?? '';
    const firstName = text(l.roepnaam) ?? text(l.voornamen) ?? text(l['voorletters-1']) ?? '';
    records.push({
      key,
      studentNumber: key,
      firstName,
      prefix: text(l.voorvoegsel) ?? '',
      lastName,
      birthDate: text(l.geboortedatum) ? parseDay(text(l.geboortedatum)!) : null,
      eckId: text(l['@eckid']),
      bsn: text(l.bsn),
      className: groupKey ? (groups.get(groupKey)?.name ?? null) : null,
      leftOn: left && (referenceDay === null || left <= referenceDay) ? left : null,
    });
    if ((i + 1) % step === 0) await progress(i + 1, pupils.length);
  }
  await progress(pupils.length, pupils.length);
  return { ok: true, records, classes: [...groups.values()], warnings, referenceDate: referenceDay };
}

// ---------------------------------------------------------------------------
// Writing EDEXML: for tests, property tests and the benchmark (a school's
// export as a pupil information system would make it).

export interface EdexmlPupil {
  key: string;
  eckId?: string | null;
  lastName: string;
  prefix?: string;
  firstName: string;
  birthDate?: string | null;
  groupKey?: string | null;
  jaargroep?: string | null;
  bsn?: string | null;
  leftOn?: string | null;
}
export interface EdexmlGroup {
  key: string;
  name: string;
  jaargroep: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export function toEdexml(o: { schoolYear: string; brin?: string; referenceDay?: string; groups: EdexmlGroup[]; pupils: EdexmlPupil[] }): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<EDEX>', '  <school>', `    <schooljaar>${o.schoolYear}</schooljaar>`];
  if (o.referenceDay) out.push(`    <peildatum>${o.referenceDay}</peildatum>`);
  out.push(`    <brincode>${o.brin ?? '99ZZ'}</brincode>`, '    <xsdversie>2.1</xsdversie>', '  </school>');
  if (o.groups.length) {
    out.push('  <groepen>');
    for (const g of o.groups) out.push(`    <groep key="${esc(g.key)}">`, `      <naam>${esc(g.name)}</naam>`, `      <jaargroep>${g.jaargroep}</jaargroep>`, '    </groep>');
    out.push('  </groepen>');
  }
  out.push('  <leerlingen>');
  for (const p of o.pupils) {
    out.push(`    <leerling key="${esc(p.key)}"${p.eckId ? ` eckid="${esc(p.eckId)}"` : ''}>`);
    if (p.lastName) {
      out.push(`      <achternaam>${esc(p.lastName)}</achternaam>`);
      if (p.prefix) out.push(`      <voorvoegsel>${esc(p.prefix)}</voorvoegsel>`);
    }
    if (p.firstName || !p.lastName) out.push(`      <roepnaam>${esc(p.firstName)}</roepnaam>`);
    if (p.birthDate) out.push(`      <geboortedatum>${p.birthDate}</geboortedatum>`);
    if (p.jaargroep) out.push(`      <jaargroep>${p.jaargroep}</jaargroep>`);
    if (p.groupKey) out.push(`      <groep key="${esc(p.groupKey)}"/>`);
    if (p.bsn) out.push(`      <bsn>${p.bsn}</bsn>`);
    if (p.leftOn) out.push(`      <uitstroomdatum>${p.leftOn}</uitstroomdatum>`);
    out.push('    </leerling>');
  }
  out.push('  </leerlingen>', '</EDEX>', '');
  return out.join('\n');
}
