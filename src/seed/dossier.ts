import type { Tx } from '../db/index.ts';
import * as rows from './factories/index.ts';
import type { Rng } from './random.ts';

/**
 * Dossier content for about one pupil in ten: support level, case manager,
 * needs, handelingsadviezen, logbook and kwadrant results — so the demo's
 * pupil pages and klassenscans show what a school really has, and the bench
 * reads realistic rows.
 */
const NEEDS = [
  ['leren', 'Extra instructie bij rekenen; verwerkt stof trager.'],
  ['gedrag', 'Heeft voorspelbaarheid nodig bij overgangen en roosterwijzigingen.'],
  ['sociaal_emotioneel', 'Faalangst bij toetsen; piekert veel.'],
  ['werkhouding', 'Plannen en organiseren van huiswerk lukt niet zelfstandig.'],
  ['taal', 'NT2: woordenschat nog beperkt, begrijpend lezen kost moeite.'],
  ['gezondheid', 'Diabetes type 1: mag altijd eten en meten in de les.'],
] as const;
const ADVICES = [
  'Geef aan het begin van de les de planning op het bord.',
  'Laat de leerling vooraan zitten, weg van de deur.',
  'Geef toetsen in een prikkelarme ruimte met 25% extra tijd.',
  'Kondig roosterwijzigingen vooraf persoonlijk aan.',
  'Controleer na de instructie kort of de opdracht begrepen is.',
  'Gebruik een time-outkaart: de leerling mag even naar de gang.',
] as const;
const LOGBOOK = [
  ['observation', 'Kwam drie keer deze week te laat in het eerste uur.'],
  ['pupil_conversation', 'Gesprek over de cijfers: wil graag hulp bij plannen.'],
  ['parent_conversation', 'Ouders gebeld: thuis ook veel spanning rond toetsen.'],
  ['observation', 'Werkt goed samen in een tweetal; in de groep trekt hij zich terug.'],
  ['external_contact', 'Contact met de jeugdverpleegkundige over slaapproblemen.'],
] as const;
const KWADRANT = [
  ['kunnen', 'NIO', 'Totaal IQ 98 (gemiddeld)'],
  ['willen', 'SAQI', 'Welbevinden onder gemiddeld'],
  ['presteren', 'Cito VAS rekenen', '2F niet behaald'],
  ['doen', 'Docentobservatie werkhouding', 'Onvoldoende zelfstandig'],
] as const;

export async function seedDossiers(tx: Tx, r: Rng, partnershipId: string, startYear: number) {
  const pupils = await tx<{ id: string; schoolId: string; mentorId: string | null; ocoId: string | null }[]>`
    select p.id, p.school_id as "schoolId",
      (select cs.user_id from class_staff cs where cs.class_id = e.class_id and cs.is_mentor limit 1) as "mentorId",
      (select r.user_id from role_assignments r where r.school_id = p.school_id and r.role = 'oco' limit 1) as "ocoId"
    from pupils p join enrolments e on e.pupil_id = p.id and e.end_date is null
    where p.partnership_id = ${partnershipId} order by p.student_number`;
  const chosen = pupils.filter((p): p is typeof p & { ocoId: string; mentorId: string } => !!p.ocoId && !!p.mentorId && r.chance(0.1));
  const day = () => `${startYear}-${String(r.int(9, 11)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  type Of = { partnership_id: string; school_id: string; pupil_id: string } & rows.Cols;
  const needs: (Of & { created_by: string })[] = [];
  const advices: (Of & { created_by: string })[] = [];
  const logbook: (Of & { author_id: string })[] = [];
  const kwadrant: Of[] = [];
  const history: ({ partnership_id: string; pupil_id: string; changed_by: string } & rows.Cols)[] = [];
  for (const p of chosen) {
    const level = r.chance(0.4) ? 'extra' : 'basisplus';
    await tx`update pupils set support_level = ${level}, case_manager_id = ${level === 'extra' ? p.ocoId : null} where id = ${p.id}`;
    history.push({ partnership_id: partnershipId, pupil_id: p.id, field: 'support_level', old_value: 'basis', new_value: level, reason: 'Besluit leerlingbespreking', changed_by: p.ocoId });
    const base = { partnership_id: partnershipId, school_id: p.schoolId, pupil_id: p.id };
    const [category, description] = r.pick(NEEDS);
    needs.push({ ...base, category, description, created_by: p.ocoId });
    advices.push({ ...base, advice: r.pick(ADVICES), source: 'manual', created_by: p.ocoId });
    if (level === 'extra') advices.push({ ...base, advice: r.pick(ADVICES), source: 'manual', created_by: p.ocoId });
    for (let i = r.int(1, 3); i > 0; i--) {
      const [kind, body] = r.pick(LOGBOOK);
      logbook.push({ ...base, kind, occurred_on: day(), body, confidential: kind === 'parent_conversation' && r.chance(0.5), author_id: p.mentorId });
    }
    for (const [quadrant, instrument, score] of KWADRANT) {
      if (r.chance(0.6)) kwadrant.push({ ...base, quadrant, instrument, measured_on: day(), score, source: 'import', recorded_by: null });
    }
  }
  await rows.pupilStatusHistory.many(tx, history);
  await rows.pupilNeed.many(tx, needs);
  await rows.handelingsadvies.many(tx, advices);
  await rows.logbookEntry.many(tx, logbook);
  await rows.kwadrantResult.many(tx, kwadrant);
}
