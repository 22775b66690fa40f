import { z } from 'zod';
import { addressId, day, optionalText, requiredText } from '../../platform/http/schemas.ts';

/**
 * The five steps of the meldcode huiselijk geweld en kindermishandeling
 * (Besluit verplichte meldcode huiselijk geweld en kindermishandeling, art. 2;
 * seed 002 §6.5), in the words schools know them by.
 */
export const steps = [1, 2, 3, 4, 5] as const;
export const stepLabels: Record<(typeof steps)[number], string> = {
  1: 'Stap 1: signalen in kaart brengen',
  2: 'Stap 2: collegiale consultatie en zo nodig Veilig Thuis raadplegen',
  3: 'Stap 3: gesprek met de leerling en de ouders',
  4: 'Stap 4: wegen met het afwegingskader',
  5: 'Stap 5: beslissen: hulp organiseren en/of melden bij Veilig Thuis',
};

export const outcomes = ['geen_zorgen', 'hulp', 'melding', 'melding_en_hulp'] as const;
export const outcomeLabels: Record<(typeof outcomes)[number], string> = {
  geen_zorgen: 'Geen zorgen meer: afgesloten zonder melding',
  hulp: 'Hulp georganiseerd, geen melding',
  melding: 'Gemeld bij Veilig Thuis',
  melding_en_hulp: 'Gemeld bij Veilig Thuis en hulp georganiseerd',
};

export const OpenInput = z.object({ pupilId: addressId });
/** A pupil of the school, by name or pupil number. */
export const PupilSearch = z.object({ q: requiredText(100, 'Typ een naam of leerlingnummer.') });

export const EntryInput = z.object({
  step: z.union(steps.map((s) => z.literal(s)), 'Kies een stap.'),
  happenedOn: day,
  notes: requiredText(10_000, 'Schrijf op wat er is gebeurd of besproken.'),
});

export const MembersInput = z.object({
  userIds: z.array(z.uuid('Kies een collega uit de lijst.')).max(20, 'Voeg hoogstens 20 collega’s toe.'),
});

export const CloseInput = z.object({
  outcome: z.enum(outcomes, 'Kies hoe het dossier eindigt.'),
  closedOn: day,
  note: optionalText(2_000),
});

const Person = z.object({ id: z.string(), name: z.string() });

export const FileSummary = z.object({
  id: z.string(),
  pupil: z.object({ id: z.string(), name: z.string() }),
  school: z.object({ id: z.string(), name: z.string() }),
  openedAt: z.date(),
  lastStep: z.number().nullable(),
  lastEntryOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  outcome: z.enum(outcomes).nullable(),
});
export const FileList = z.object({ files: z.array(FileSummary), canOpenAt: z.array(z.object({ id: z.string(), name: z.string() })) });

export const FileView = FileSummary.extend({
  openedBy: Person,
  outcomeNote: z.string(),
  entries: z.array(z.object({ id: z.string(), step: z.number(), happenedOn: z.string(), notes: z.string(), recordedBy: Person, recordedAt: z.date() })),
  officers: z.array(Person),
  members: z.array(Person.extend({ addedAt: z.date() })),
  colleagues: z.array(Person),
  allowed: z.object({ record: z.boolean(), manageMembers: z.boolean(), close: z.boolean() }),
});
