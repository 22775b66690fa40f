import { z } from 'zod';
import { optionalEmail, optionalPhone, optionalText, requiredText } from '../../platform/http/schemas.ts';
import { levels as educationLevels, schoolKinds } from '../organisation/schema.ts';

/**
 * The school support profile (schoolondersteuningsprofiel, SOP) as data: one
 * uniform format for every school, so the partnership can compare offers and
 * parents can search them. Glossary: *basisondersteuning* (what every school
 * guarantees every pupil), *basisplus* (quickly accessible extra support on
 * the school's own terms), *extra ondersteuning* (individual, with an OPP).
 */
export const supportLevels = ['basis', 'basisplus', 'extra'] as const;
export type SupportLevel = (typeof supportLevels)[number];

/** Support always consists of one or more of these five aspects (DOMAIN §1). */
export const aspects = ['hands', 'materials', 'environment', 'expertise', 'cooperation'] as const;
export const aspectLabels: Record<(typeof aspects)[number], string> = {
  hands: 'Extra handen en aandacht',
  materials: 'Aangepaste materialen',
  environment: 'Aangepaste ruimte',
  expertise: 'Deskundigheid',
  cooperation: 'Samenwerking met anderen',
};

/** Provisions a school has in the building (the field's usual ones; the rest goes in 'expertise'). */
export const provisions = ['low_stimulus_room', 'time_out', 'trajectory_class', 'care_staff', 'small_groups', 'gifted_class', 'accessible_building', 'medical_room'] as const;
export const provisionLabels: Record<(typeof provisions)[number], string> = {
  low_stimulus_room: 'Prikkelarme ruimte',
  time_out: 'Time-outvoorziening',
  trajectory_class: 'Trajectklas / rebound op school',
  care_staff: 'Zorgmedewerkers in de school',
  small_groups: 'Kleine groepen',
  gifted_class: 'Plusklas voor hoogbegaafde leerlingen',
  accessible_building: 'Rolstoeltoegankelijk gebouw',
  medical_room: 'Ruimte voor medische handelingen',
};

/** A capacity row is for an education level (or all of them) and a year group (or all). */
export const capacityLevels = ['alle', ...educationLevels] as const;
export const capacityKey = (c: { level: string; yearGroup: number | null }) => `${c.level}|${c.yearGroup ?? ''}`;

const count = (max: number) => z.number('Vul een aantal in.').int('Vul een heel getal in.').min(0, 'Vul 0 of meer in.').max(max, `Hoogstens ${max}.`);

export const OfferInput = z.object({
  needId: z.uuid('Kies een ondersteuningsbehoefte.'),
  level: z.enum(supportLevels, 'Kies een niveau.'),
  aspects: z.array(z.enum(aspects, 'Onbekend aspect.')).max(aspects.length),
  note: optionalText(300),
});

export const CapacityInput = z.object({
  level: z.enum(capacityLevels, 'Kies een niveau.'),
  yearGroup: z.number().int().min(1, 'Een leerjaar is 1 t/m 8.').max(8, 'Een leerjaar is 1 t/m 8.').nullable(),
  places: count(5000),
});

/** The Netherlands, roughly: a point outside it is a typing error (latitude and longitude swapped, a missing digit). */
const Coordinates = z.object({
  lat: z.number('Vul de breedtegraad in.').min(50.7, 'De breedtegraad ligt in Nederland tussen 50,7 en 53,6.').max(53.6, 'De breedtegraad ligt in Nederland tussen 50,7 en 53,6.'),
  lon: z.number('Vul de lengtegraad in.').min(3.3, 'De lengtegraad ligt in Nederland tussen 3,3 en 7,3.').max(7.3, 'De lengtegraad ligt in Nederland tussen 3,3 en 7,3.'),
});

export const ProfileContent = z
  .object({
    /** 'In het kort', for parents (B1). */
    summary: optionalText(600),
    offers: z.array(OfferInput).max(500),
    provisions: z.array(z.enum(provisions, 'Onbekende voorziening.')).max(provisions.length),
    expertise: optionalText(1000),
    limits: optionalText(1000),
    capacity: z.array(CapacityInput).max(60),
    contact: z.object({
      name: optionalText(120),
      phone: optionalPhone('0299 123 456'),
      email: optionalEmail('Vul een geldig e-mailadres in.'),
      website: z.string().trim().regex(/^$|^https?:\/\/\S+$/, 'Een website begint met https://').max(200, 'Hoogstens 200 tekens.').default(''),
    }),
    coordinates: Coordinates.nullable(),
  })
  .superRefine((c, ctx) => {
    const offers = new Set<string>();
    c.offers.forEach((o, i) => {
      const k = `${o.needId}|${o.level}`;
      if (offers.has(k)) ctx.addIssue({ code: 'custom', path: ['offers', i, 'level'], message: 'Deze behoefte staat al bij dit niveau.' });
      offers.add(k);
    });
    const rows = new Set<string>();
    c.capacity.forEach((r, i) => {
      const k = capacityKey(r);
      if (rows.has(k)) ctx.addIssue({ code: 'custom', path: ['capacity', i, 'yearGroup'], message: 'Dit niveau en leerjaar staat er al.' });
      rows.add(k);
    });
  });
export type ProfileContent = z.infer<typeof ProfileContent>;

export const emptyContent = (): ProfileContent => ({
  summary: '',
  offers: [],
  provisions: [],
  expertise: '',
  limits: '',
  capacity: [],
  contact: { name: '', phone: '', email: '', website: '' },
  coordinates: null,
});

const revision = z.number().int().min(1);
export const SaveProfileInput = z.object({ revision, content: ProfileContent });
export const PublishInput = z.object({ revision });
export const StartProfileInput = z.object({ locationId: z.uuid('Kies een locatie.'), schoolYear: z.string().regex(/^[0-9]{4}-[0-9]{4}$/, 'Een schooljaar is bijvoorbeeld 2026-2027.') });
export const FreePlacesInput = z.object({
  places: z.array(z.object({ key: z.string().max(40), free: count(5000) })).max(60),
});

/** A first list for a partnership that starts (the needs named in the field, seed 004 §4.1); the partnership changes it in Beheer; the settings page offers it when the list is empty. */
export const FIRST_NEEDS: { label: string; description: string }[] = [
  { label: 'Dyslexie', description: 'Moeite met lezen en spellen.' },
  { label: 'Dyscalculie', description: 'Moeite met rekenen.' },
  { label: 'Nederlands als tweede taal (NT2)', description: 'De leerling leert nog Nederlands.' },
  { label: 'Gedrag', description: 'Moeite met gedrag in de klas, bijvoorbeeld boos of druk gedrag.' },
  { label: 'Autisme', description: 'Behoefte aan duidelijkheid, structuur en rust.' },
  { label: 'ADHD', description: 'Moeite met concentratie en stilzitten.' },
  { label: 'Angst en somberheid', description: 'Veel zorgen, bang of somber; soms moeite om naar school te komen.' },
  { label: 'Hoogbegaafdheid', description: 'Leert veel sneller dan anderen en heeft uitdaging nodig.' },
  { label: 'Lichamelijke beperking', description: 'Bijvoorbeeld in een rolstoel, of moeite met bewegen.' },
  { label: 'Medische zorg', description: 'Bijvoorbeeld diabetes of epilepsie: hulp of medicijnen op school.' },
  { label: 'Horen en zien', description: 'Slechthorend of slechtziend.' },
];

/** The partnership's words for the three levels and its rules for publishing. */
export const LevelText = z.object({ label: requiredText(60), description: optionalText(600) });
export const SupportOfferRules = z.object({
  /** Every active need must say what the school offers at the basis level. */
  requireBasisForEveryNeed: z.boolean(),
  /** A profile must state its places. */
  requireCapacity: z.boolean(),
  /** A profile must give a way to reach the school (phone or e-mail). */
  requireContact: z.boolean(),
  /** 'MM-DD': by this day of the school year the profile of that year must be published. */
  updateBefore: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'Vul een dag in als MM-DD, bijvoorbeeld 10-01.'),
});
export const SupportOfferSettings = z.object({
  levels: z.object({ basis: LevelText, basisplus: LevelText, extra: LevelText }),
  rules: SupportOfferRules,
});
export type SupportOfferSettings = z.infer<typeof SupportOfferSettings>;

export const NeedInput = z.object({
  id: z.uuid().optional(),
  label: requiredText(80, 'Geef de behoefte een naam.'),
  description: optionalText(300),
  active: z.boolean(),
});
export const SettingsInput = SupportOfferSettings.extend({ needs: z.array(NeedInput).max(60) }).superRefine((s, ctx) => {
  const seen = new Set<string>();
  s.needs.forEach((n, i) => {
    const k = n.label.toLowerCase();
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['needs', i, 'label'], message: 'Deze behoefte staat er al.' });
    seen.add(k);
  });
});

export const Need = z.object({ id: z.string(), label: z.string(), description: z.string(), active: z.boolean() });
export const SettingsView = SupportOfferSettings.extend({ needs: z.array(Need), allowed: z.object({ manage: z.boolean() }) });

/** Where a location's profile stands this school year. */
export const profileStatuses = ['none', 'draft', 'changed', 'published'] as const;
export const profileStatusLabels: Record<(typeof profileStatuses)[number], string> = {
  none: 'Nog niet begonnen',
  draft: 'Concept, niet gepubliceerd',
  changed: 'Gepubliceerd, met wijzigingen in concept',
  published: 'Gepubliceerd',
};

export const ProfileListRow = z.object({
  locationId: z.string(),
  locationName: z.string(),
  city: z.string(),
  school: z.object({ id: z.string(), name: z.string(), kind: z.enum(schoolKinds) }),
  profileId: z.string().nullable(),
  status: z.enum(profileStatuses),
  /** The last school year with a published profile, if any. */
  lastPublishedYear: z.string().nullable(),
  publishedAt: z.date().nullable(),
  allowed: z.object({ start: z.boolean() }),
});
export const ProfileList = z.object({
  schoolYear: z.string(),
  /** The day by which this year's profiles must be published. */
  dueOn: z.string(),
  rows: z.array(ProfileListRow),
  allowed: z.object({ overview: z.boolean(), manageSettings: z.boolean() }),
});
export const ProfileListQuery = z.object({ schoolYear: z.string().regex(/^[0-9]{4}-[0-9]{4}$/).optional() });

export const ProfileView = z.object({
  id: z.string(),
  schoolYear: z.string(),
  school: z.object({ id: z.string(), name: z.string(), kind: z.enum(schoolKinds), levels: z.array(z.string()) }),
  location: z.object({ id: z.string(), name: z.string(), street: z.string(), postcode: z.string(), city: z.string() }),
  content: ProfileContent,
  revision: z.number(),
  updatedAt: z.date(),
  updatedBy: z.string().nullable(),
  published: z.object({ at: z.date(), by: z.string().nullable() }).nullable(),
  changedSincePublished: z.boolean(),
  freePlaces: z.record(z.string(), z.number()),
  freePlacesAt: z.date().nullable(),
  /** Active needs, and retired ones the content still names. */
  needs: z.array(Need),
  settings: SupportOfferSettings,
  allowed: z.object({ edit: z.boolean(), publish: z.boolean(), freePlaces: z.boolean() }),
});
export type ProfileView = z.infer<typeof ProfileView>;
