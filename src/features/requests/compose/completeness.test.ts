import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYears } from '../../../platform/time.ts';
import { missingParts, type CompletenessAttachment, type CompletenessInput } from './completeness.ts';
import { attachmentTypes, requestKinds, requestParts } from '../schema.ts';

const TODAY = '2026-11-22';
const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-11-22T00:00:00Z'), noInvalidDate: true }).map(iso);

const attachment: fc.Arbitrary<CompletenessAttachment> = fc.record({
  id: fc.uuid(),
  itemType: fc.constantFrom(...attachmentTypes),
  label: fc.string({ minLength: 1, maxLength: 20 }),
  health: fc.boolean(),
  agreedOn: fc.option(day, { nil: null }),
  category: fc.option(fc.constantFrom('toetsverslag', 'medisch', 'overig'), { nil: null }),
});

const request: fc.Arbitrary<CompletenessInput> = fc.record({
  kind: fc.constantFrom(...requestKinds),
  hasPupil: fc.boolean(),
  required: fc.uniqueArray(fc.constantFrom(...requestParts)),
  question: fc.constantFrom('', ' ', 'Vraag'),
  doneAlready: fc.constantFrom('', 'Gedaan'),
  expectation: fc.constantFrom('', 'Verwachting'),
  returnGoal: fc.constantFrom('', 'Terug naar de eigen klas na de kerstvakantie'),
  attachments: fc.uniqueArray(attachment, { selector: (a) => a.id, maxLength: 6 }),
  consents: fc.constant([]),
  signers: fc.constantFrom<('parent' | 'pupil')[]>(['parent'], ['parent', 'pupil'], ['pupil']),
  today: fc.constant(TODAY),
});

/** Consent of every signer for every attachment. */
const consentedFully = (r: CompletenessInput): CompletenessInput => ({
  ...r,
  consents: r.signers.map((signer) => ({ signer, decision: 'given' as const, attachmentIds: r.attachments.map((a) => a.id), createdAt: new Date('2026-11-20T10:00:00Z') })),
});

describe('the completeness check of a request', () => {
  it('lists every missing text and every required part that no attachment satisfies', () => {
    fc.assert(
      fc.property(request, (r) => {
        const parts = missingParts(consentedFully(r)).map((m) => m.part);
        expect(parts.includes('question')).toBe(r.question.trim() === '');
        expect(parts.includes('done_already')).toBe(r.kind !== 'consultation' && r.doneAlready === '');
        // An OPDC place is temporary: the school states the goal of the return.
        expect(parts.includes('return_goal')).toBe(r.kind === 'opdc' && r.returnGoal === '');
        expect(parts.includes('test_report')).toBe(r.required.includes('test_report') && !r.attachments.some((a) => a.itemType === 'document' && a.category === 'toetsverslag'));
        expect(parts.includes('opp_evaluation')).toBe(r.required.includes('opp_evaluation') && !r.attachments.some((a) => a.itemType === 'opp_evaluation'));
        // Full consent from every signer satisfies every consent rule.
        expect(parts.includes('parent_consent') || parts.includes('health_consent')).toBe(false);
      }),
    );
  });

  it('never lets a health item through without the explicit consent of every signer', () => {
    fc.assert(
      fc.property(request, fc.nat(), (r0, pick) => {
        const r = { ...r0, hasPupil: true };
        const health = r.attachments.filter((a) => a.health);
        fc.pre(health.length > 0);
        const left = health[pick % health.length]!;
        const full = consentedFully(r);
        const signer = full.consents[pick % full.consents.length]!;
        const partial = { ...full, consents: full.consents.map((c) => (c === signer ? { ...c, attachmentIds: c.attachmentIds.filter((id) => id !== left.id) } : c)) };
        expect(missingParts(partial).some((m) => m.where === 'consent' && m.message.includes(left.label))).toBe(true);
      }),
    );
  });

  it('takes the latest answer of a signer: a refusal after consent blocks, consent after a refusal frees', () => {
    fc.assert(
      fc.property(request, fc.boolean(), (r0, refusedLast) => {
        const r = consentedFully({ ...r0, hasPupil: true, required: ['parent_consent'] });
        const first = r.consents[0]!;
        const other = { ...first, decision: 'refused' as const, createdAt: new Date(first.createdAt.getTime() + (refusedLast ? 1000 : -1000)) };
        const blocked = missingParts({ ...r, consents: [...r.consents, other] }).some((m) => m.part === 'parent_consent');
        expect(blocked).toBe(refusedLast);
      }),
    );
  });

  it('counts an agreed OPP up to exactly 12 months old', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: -3, max: 3 }), (r0, offset) => {
        const agreedOn = addDays(addYears(TODAY, -1), offset);
        const opp: CompletenessAttachment = { id: '00000000-0000-4000-8000-000000000001', itemType: 'opp_version', label: 'OPP', health: false, agreedOn, category: null };
        const r = consentedFully({ ...r0, required: ['opp_agreed_recent'], attachments: [opp] });
        expect(missingParts(r).some((m) => m.part === 'opp_agreed_recent')).toBe(offset < 0);
      }),
    );
  });

  it('asks no consent for a request without a pupil', () => {
    fc.assert(
      fc.property(request, (r) => {
        expect(missingParts({ ...r, hasPupil: false }).some((m) => m.where === 'consent')).toBe(false);
      }),
    );
  });
});
