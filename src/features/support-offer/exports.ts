import { a4Document, asciiSlug, facts, h2, para, renderPdfCountingPages, table, type PdfNode } from '../../platform/pdf.ts';
import { formatDay, today } from '../../platform/time.ts';
import { directoryKindLabels, type DirectorySchool } from './directory-schema.ts';
import { aspectLabels, provisionLabels, supportLevels } from './schema.ts';

/**
 * A published profile on one A4 and as the text block for the school guide.
 * Bill 36443 moves the support offer into the schoolgids; the same published
 * data serves the directory, the paper and the guide, so they cannot differ.
 */

const nameOf = (s: DirectorySchool) => `${s.entry.name}${s.entry.location !== s.entry.name ? `, ${s.entry.location}` : ''}`;
const capacityRow = (c: DirectorySchool['capacity'][number]) => `${c.level === 'alle' ? 'alle niveaus' : c.level}${c.yearGroup ? `, leerjaar ${c.yearGroup}` : ''}`;
const contactLine = (s: DirectorySchool) => [s.contact.name, s.contact.phone, s.contact.email, s.contact.website].filter(Boolean).join(' · ');

export const profileFilename = (s: DirectorySchool) => `ondersteuningsprofiel-${asciiSlug(nameOf(s))}-${s.entry.schoolYear}.pdf`;

/** The profile on one page: what a parent or a colleague reads at a glance (the field asks for "one A4", seed 004 §4.2). */
export async function renderProfilePdf(s: DirectorySchool) {
  const address = [s.entry.street, [s.entry.postcode, s.entry.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const mark = (needLevels: DirectorySchool['offers'][number]['levels'], level: string): PdfNode => {
    const l = needLevels.find((x) => x.level === level);
    return l ? { text: ['Ja', l.aspects.length ? ` – ${l.aspects.map((a) => aspectLabels[a].toLowerCase()).join(', ')}` : '', l.note ? `. ${l.note}` : ''].join(''), fontSize: 8 } : { text: '—', color: '#555555' };
  };
  const content: PdfNode[] = [
    { text: `Ondersteuningsprofiel ${s.entry.schoolYear}`, style: 'school' },
    { text: nameOf(s), style: 'title' },
    facts(
      [
        ['Soort school', `${directoryKindLabels[s.entry.kind]}${s.entry.cluster ? `, cluster ${s.entry.cluster}` : ''}${s.entry.levels.length ? ` (${s.entry.levels.join(', ')})` : ''}`],
        ['Adres', address || '—'],
        ['Contact', contactLine(s) || '—'],
      ],
      90,
    ),
    para(s.summary, 'De school heeft geen korte beschrijving gegeven.'),
    h2('Ondersteuning per behoefte'),
    table(
      ['22%', '26%', '26%', '26%'],
      ['Behoefte', ...supportLevels.map((l) => s.levels[l].label)],
      s.offers.map((o) => [{ text: o.need.label, bold: true }, ...supportLevels.map((l) => mark(o.levels, l))]),
      'De school heeft geen ondersteuning per behoefte ingevuld.',
    ),
    h2('Voorzieningen en deskundigheid'),
    para([s.provisions.map((p) => provisionLabels[p]).join(', '), s.expertise].filter(Boolean).join('. '), 'Niet ingevuld.'),
    h2('Wat de school niet kan bieden'),
    para(s.limits, 'Niet ingevuld.'),
    h2('Plaatsen'),
    table(['*', 80, 80], ['Niveau en leerjaar', 'Plaatsen', 'Nu vrij'], s.capacity.map((c) => [capacityRow(c), String(c.places), c.free === null ? 'niet bekend' : String(c.free)]), 'Niet ingevuld.'),
  ];
  return renderPdfCountingPages(
    a4Document({
      title: `Ondersteuningsprofiel ${nameOf(s)}`,
      author: s.partnership.name,
      header: s.partnership.name,
      footer: `Gepubliceerd ${formatDay(s.publishedAt.toISOString().slice(0, 10))}, afgedrukt ${formatDay(today())}`,
      content,
      styles: { title: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] }, h2: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] } },
    }),
  );
}

/** The text block for the school guide: plain sentences (B1) the school pastes in, with the same content as the page. */
export function schoolGuideText(s: DirectorySchool): string {
  const lines: string[] = [];
  lines.push(`Ondersteuning op ${nameOf(s)} (schooljaar ${s.entry.schoolYear})`, '');
  if (s.summary) lines.push(s.summary, '');
  for (const level of supportLevels) {
    const needs = s.offers.filter((o) => o.levels.some((l) => l.level === level));
    if (!needs.length) continue;
    lines.push(`${s.levels[level].label}. ${s.levels[level].description}`.trim());
    for (const o of needs) {
      const l = o.levels.find((x) => x.level === level)!;
      const how = l.aspects.map((a) => aspectLabels[a].toLowerCase()).join(', ');
      lines.push(`- ${o.need.label}${how ? `: ${how}` : ''}${l.note ? `. ${l.note}` : ''}`);
    }
    lines.push('');
  }
  if (s.provisions.length || s.expertise) lines.push(`Voorzieningen: ${[s.provisions.map((p) => provisionLabels[p].toLowerCase()).join(', '), s.expertise].filter(Boolean).join('. ')}`, '');
  if (s.limits) lines.push(`Wat wij niet kunnen bieden: ${s.limits}`, '');
  if (s.capacity.length) lines.push(`Plaatsen voor leerlingen met extra ondersteuning: ${s.capacity.map((c) => `${capacityRow(c)}: ${c.places}`).join('; ')}.`, '');
  const contact = contactLine(s);
  if (contact) lines.push(`Vragen over ondersteuning? Neem contact op: ${contact}.`, '');
  lines.push(`Dit profiel staat ook in de schoolgids passend onderwijs van ${s.partnership.name}.`);
  return lines.join('\n');
}
