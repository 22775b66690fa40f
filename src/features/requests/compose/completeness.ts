import { addYears } from '../../../platform/time.ts';
import { requestPartLabels, type AttachmentType, type Missing, type RequestKind, type RequestPart } from '../schema.ts';

export interface CompletenessAttachment {
  id: string;
  itemType: AttachmentType;
  label: string;
  health: boolean;
  /** For an OPP version: the day the parents agreed (null when not agreed). */
  agreedOn: string | null;
  /** For a document: its category ('toetsverslag', 'medisch', …). */
  category: string | null;
}

export interface CompletenessInput {
  kind: RequestKind;
  hasPupil: boolean;
  required: readonly RequestPart[];
  question: string;
  doneAlready: string;
  returnGoal: string;
  expectation: string;
  attachments: CompletenessAttachment[];
  consents: { signer: 'parent' | 'pupil'; decision: 'given' | 'refused'; attachmentIds: string[]; createdAt: Date }[];
  /** Who consents for this pupil (by age: parents, parents and pupil, or the pupil). */
  signers: ('parent' | 'pupil')[];
  today: string;
}

const signerName = { parent: 'de ouders', pupil: 'de leerling' } as const;
const refused = { parent: 'De ouders hebben', pupil: 'De leerling heeft' } as const;

/**
 * What a request still needs before it can be submitted, so it can never be
 * bounced for it later (docs/decisions/0008-requests.md). Every item says what
 * is missing and where it is made. Always required: the question; for a formal
 * request also what the school did and what it expects. With a pupil, every
 * attached health item needs the explicit consent of each signer, whether or
 * not the partnership asks consent for the rest.
 */
export function missingParts(r: CompletenessInput): Missing[] {
  const missing: Missing[] = [];
  const need = (part: string, message: string, where: Missing['where']) => missing.push({ part, message, where });
  if (!r.question.trim()) need('question', 'Schrijf de vraag aan het samenwerkingsverband.', 'request');
  if (r.kind !== 'consultation') {
    if (!r.doneAlready.trim()) need('done_already', 'Beschrijf wat de school al heeft gedaan en met welk resultaat.', 'request');
    if (!r.expectation.trim()) need('expectation', 'Beschrijf wat de school van het samenwerkingsverband verwacht.', 'request');
  }
  if (r.kind === 'opdc' && !r.returnGoal.trim()) need('return_goal', 'Beschrijf het terugkeerdoel: wat moet er bereikt zijn om terug te gaan naar de eigen school, en wanneer.', 'request');
  const has = (t: AttachmentType, test: (a: CompletenessAttachment) => boolean = () => true) => r.attachments.some((a) => a.itemType === t && test(a));
  const yearAgo = addYears(r.today, -1);
  for (const part of r.required) {
    if (part === 'opp_agreed_recent' && !has('opp_version', (a) => a.agreedOn !== null && a.agreedOn >= yearAgo)) need(part, `Voeg toe: ${requestPartLabels[part]}.`, 'opp');
    if (part === 'opp_evaluation' && !has('opp_evaluation')) need(part, `Voeg toe: ${requestPartLabels[part]}.`, 'opp');
    if (part === 'meeting' && !has('meeting_item')) need(part, `Voeg toe: ${requestPartLabels[part]}.`, 'meetings');
    if (part === 'test_report' && !has('document', (a) => a.category === 'toetsverslag')) need(part, `Voeg toe: ${requestPartLabels[part]}.`, 'documents');
  }
  missing.push(...missingConsents(r));
  return missing;
}

/**
 * The consents the attached items still need: with parent_consent required,
 * each signer's latest consent must cover every item; health items always
 * need it. Also used for items sent after submission (only those).
 */
export function missingConsents(r: Pick<CompletenessInput, 'hasPupil' | 'required' | 'attachments' | 'consents' | 'signers'>): Missing[] {
  const missing: Missing[] = [];
  const need = (part: string, message: string, where: Missing['where']) => missing.push({ part, message, where });
  if (!r.hasPupil) return missing;
  const consentRequired = r.required.includes('parent_consent');
  const health = r.attachments.filter((a) => a.health);
  for (const signer of r.signers) {
    const latest = r.consents.filter((c) => c.signer === signer).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    const covers = (a: CompletenessAttachment) => latest?.decision === 'given' && latest.attachmentIds.includes(a.id);
    if (consentRequired) {
      if (!latest) {
        need('parent_consent', `Vraag toestemming van ${signerName[signer]} voor de aanvraag en de bijlagen.`, 'consent');
        continue;
      }
      if (latest.decision === 'refused') {
        need('parent_consent', `${refused[signer]} geen toestemming gegeven. Bespreek de aanvraag opnieuw en vraag opnieuw toestemming.`, 'consent');
        continue;
      }
      const uncovered = r.attachments.filter((a) => !covers(a));
      if (uncovered.length) need('parent_consent', `Toestemming van ${signerName[signer]} ontbreekt voor: ${uncovered.map((a) => a.label).join('; ')}.`, 'consent');
    } else {
      const uncovered = health.filter((a) => !covers(a));
      if (uncovered.length) need('health_consent', `Gezondheidsgegevens gaan alleen mee met uitdrukkelijke toestemming van ${signerName[signer]}: ${uncovered.map((a) => a.label).join('; ')}.`, 'consent');
    }
  }
  return missing;
}
