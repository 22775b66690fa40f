import type { OppContent } from './schema.ts';

/**
 * What a plan still needs before it can go to the parents, in Dutch, so the
 * author sees a list instead of a bounced plan. A full OPP needs the legal
 * contents (perspective with grounds, supporting and hindering factors,
 * handelingsdeel, evaluation moments); an OPP light only the handelingsdeel
 * and its evaluation. Both need the summary parents read first.
 */
export function missingParts(kind: 'full' | 'light', c: OppContent): string[] {
  const missing: string[] = [];
  if (kind === 'full') {
    if (!c.perspective.destination) missing.push('Kies het uitstroomperspectief.');
    if (!c.perspective.grounds) missing.push('Onderbouw het uitstroomperspectief.');
    if (!c.factors.some((f) => f.kind === 'supporting')) missing.push('Noem minstens één bevorderende factor.');
    if (!c.factors.some((f) => f.kind === 'hindering')) missing.push('Noem minstens één belemmerende factor.');
  }
  if (c.goals.length === 0) missing.push('Formuleer minstens één doel.');
  if (c.measures.length === 0) missing.push('Beschrijf minstens één maatregel (wat, wie, hoeveel uur).');
  if (c.evaluationDates.length === 0) missing.push('Plan minstens één evaluatiemoment.');
  if (!c.summary.whatWeSee || !c.summary.whatSchoolDoes) missing.push('Vul de samenvatting voor ouders in (wat we zien, wat de school doet).');
  return missing;
}
