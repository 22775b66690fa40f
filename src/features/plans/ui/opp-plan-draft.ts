import type { OppContent } from '../schema.ts';
import { summaryQuestions } from './opp-kit.tsx';

type Measure = OppContent['measures'][number];
/** The plan as the form holds it: hours stay text while typing ("1,5"). */
export type Draft = Omit<OppContent, 'measures'> & { measures: (Omit<Measure, 'hoursPerWeek'> & { hoursPerWeek: string })[] };

export const toDraft = (c: OppContent): Draft => ({
  ...c,
  perspective: { ...c.perspective },
  summary: { ...c.summary },
  measures: c.measures.map((m) => ({ ...m, hoursPerWeek: String(m.hoursPerWeek).replace('.', ',') })),
});

export const fromDraft = (d: Draft): unknown => ({
  ...d,
  measures: d.measures.map((m) => ({ ...m, hoursPerWeek: m.hoursPerWeek.trim() === '' ? Number.NaN : Number(m.hoursPerWeek.replace(',', '.')) })),
});

/** The field name (and so the id) of a part of the plan: `opp.goals.0.what`. */
export const planField = (path: string) => `opp.${path}`;

/** Readable names for the error summary's links. */
export function planFieldLabel(path: string): string {
  const p = path.replace(/^opp\./, '').split('.');
  const n = Number(p[1]) + 1;
  const field: Record<string, string> = {
    what: 'wat',
    howWeSee: 'hoe zien we het',
    by: 'wanneer',
    aspect: 'aspect',
    description: 'omschrijving',
    who: 'wie',
    hoursPerWeek: 'uren per week',
    where: 'waar',
    category: 'categorie',
  };
  switch (p[0]) {
    case 'perspective':
      return p[1] === 'destination' ? 'Uitstroombestemming' : 'Onderbouwing';
    case 'goals':
      return `Doel ${n}: ${field[p[2] ?? ''] ?? p[2]}`;
    case 'measures':
      return `Maatregel ${n}: ${field[p[2] ?? ''] ?? p[2]}`;
    case 'factors':
      return `Factor ${n}: ${field[p[2] ?? ''] ?? p[2]}`;
    case 'evaluationDates':
      return `Evaluatiemoment ${n}`;
    case 'handelingsadviezen':
      return `Handelingsadvies ${n}`;
    case 'curriculumDeviations':
      return 'Afwijkingen van het onderwijsprogramma';
    case 'pupilView':
      return 'Mening van de leerling';
    case 'summary':
      return summaryQuestions.find(([k]) => k === p[1])?.[1] ?? 'Samenvatting';
    default:
      return 'Plan';
  }
}
