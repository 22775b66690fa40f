import { a4Document, h2, para, renderPdf, table, type PdfNode } from '../../../platform/pdf.ts';
import { formatDay, today } from '../../../platform/time.ts';
import { gapLabels, type CoverageMap } from '../coverage-schema.ts';

/**
 * The gap map on paper, for the partnership's board and the
 * ondersteuningsplanraad: the matrix with the small-cell rule applied (the
 * same numbers the screen shows; the report is made from the answer, not
 * from the pupils), the gaps in words, and the date.
 */
export function gapsInWords(m: CoverageMap): string[] {
  const need = new Map(m.needs.map((n) => [n.id, n.label]));
  return m.cells
    .filter((c) => c.gap)
    .map((c) =>
      c.gap === 'none_offered'
        ? `${c.level} × ${need.get(c.needId)}: geen enkele school biedt hier ondersteuning bij aan (vraag: ${c.demand}).`
        : `${c.level} × ${need.get(c.needId)}: vraag ${c.demand}, ${c.freePlaces} vrije ${c.freePlaces === 1 ? 'plaats' : 'plaatsen'} bij ${c.extraSchools} ${c.extraSchools === 1 ? 'school' : 'scholen'} met extra ondersteuning.`,
    );
}

export async function renderCoverageReport(m: CoverageMap, partnership: string): Promise<Buffer> {
  const cell = (level: string, needId: string): PdfNode => {
    const c = m.cells.find((x) => x.level === level && x.needId === needId)!;
    return { text: `${c.demand} / ${c.freePlaces}${c.gap ? ' !' : ''}`, bold: !!c.gap, fontSize: 7 };
  };
  const gaps = gapsInWords(m);
  const content: PdfNode[] = [
    { text: partnership, style: 'school' },
    { text: `Dekkend aanbod ${m.schoolYear}`, style: 'title' },
    { text: m.area ? `Gebied: ${m.area}` : 'Het hele samenwerkingsverband', style: 'subtitle' },
    para(
      'Per niveau en ondersteuningsbehoefte: de vraag (leerlingen met een lopend OPP of een open of toegekende aanvraag, elk één keer per behoefte) tegenover de vrije plaatsen bij scholen die de behoefte als extra ondersteuning aanbieden. ' +
        'Aantallen van 1 tot en met 4 staan er als "< 5", zodat geen leerling te herkennen is. Een uitroepteken: hier is een tekort.',
    ),
    table(
      [50, ...m.needs.map(() => '*')],
      ['Niveau', ...m.needs.map((n) => n.label)],
      m.levels.map((l) => [{ text: l.label, bold: true, fontSize: 8 }, ...m.needs.map((n) => cell(l.id, n.id))]),
      'Er zijn nog geen niveaus of behoeften.',
    ),
    h2(`Tekorten (${gaps.length})`),
    gaps.length ? { ul: gaps, margin: [0, 0, 0, 8] } : para('Geen tekorten gevonden.'),
    h2('Waar de vraag vandaan komt'),
    { ul: m.sources.map((s) => s.label), margin: [0, 0, 0, 8] },
    h2('Tekort, twee soorten'),
    { ul: Object.values(gapLabels) },
  ];
  const doc = a4Document({
    title: `Dekkend aanbod ${m.schoolYear}`,
    author: partnership,
    header: partnership,
    footer: `Dekkend aanbod ${m.schoolYear}, gemaakt op ${formatDay(today())}`,
    content,
    styles: { h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] } },
  });
  return renderPdf({ ...doc, pageOrientation: 'landscape' });
}
