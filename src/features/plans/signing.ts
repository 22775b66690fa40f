import { ageOn } from '../../platform/time.ts';

/**
 * Who signs an OPP (consent on the handelingsdeel): the parents for a pupil
 * under 16; parents and pupil from 16; the pupil alone from 18 (WEC/WVO; the
 * pupil's own rights start at 16 and full age at 18). A partnership may set
 * other ages in `partnerships.settings.oppSigning`.
 */
export interface SigningRule {
  pupilAlsoFrom: number;
  pupilAloneFrom: number;
}
export const DEFAULT_SIGNING: SigningRule = { pupilAlsoFrom: 16, pupilAloneFrom: 18 };

export function requiredSigners(birthDate: string, onDay: string, rule: SigningRule = DEFAULT_SIGNING): ('parent' | 'pupil')[] {
  const age = ageOn(birthDate, onDay);
  if (age >= rule.pupilAloneFrom) return ['pupil'];
  if (age >= rule.pupilAlsoFrom) return ['parent', 'pupil'];
  return ['parent'];
}

export const signingRuleOf = (settings: { oppSigning?: Partial<SigningRule> } | null | undefined): SigningRule => ({
  ...DEFAULT_SIGNING,
  ...(settings?.oppSigning ?? {}),
});

/** Where parents (or the pupil) can go when they disagree: the complaint routes open to them. */
export const DISAGREEMENT_ROUTES = [
  { name: 'Klachtencommissie van de school', description: 'U kunt een klacht indienen bij de klachtencommissie van het schoolbestuur.' },
  {
    name: 'Geschillencommissie passend onderwijs',
    description: 'Bent u het niet eens met het handelingsdeel van het OPP? U kunt het geschil voorleggen aan de Geschillencommissie passend onderwijs (onderwijsgeschillen.nl).',
  },
  { name: 'Onderwijsconsulent', description: 'Een onderwijsconsulent helpt ouders en school gratis om samen een oplossing te vinden (onderwijsconsulenten.nl).' },
] as const;
