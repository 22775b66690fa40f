import { describe, expect, it } from 'vitest';
import type { Policy } from '../../platform/access/policy.ts';
import { AUDIT_LABELS, isAuditAction } from '../../platform/audit-actions.ts';
import { auditSentence } from './sentence.ts';

/**
 * audit() only takes a key of AUDIT_LABELS (the compiler refuses any other
 * action). The one place an action is built at run time is reveal(): a
 * refusal of pupil data is '<entity>.read_refused' or
 * '<entity>.<action>_refused' for every action of a pupil-data policy. Here
 * every policy of every feature is collected, so a new policy or action
 * without its Dutch words fails this test.
 */
const modules = import.meta.glob<Record<string, unknown>>('../*/policy.ts', { eager: true });
const isPolicy = (x: unknown): x is Policy<unknown, string> => typeof x === 'object' && x !== null && 'entity' in x && 'actions' in x && 'pupilData' in x;
const policies = Object.values(modules).flatMap((m) => Object.values(m).filter(isPolicy));
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('audit labels', () => {
  it('finds the policies of the features', () => {
    expect(policies.map((p) => p.entity)).toEqual(expect.arrayContaining(['pupil', 'opp', 'request', 'meeting', 'audit_log']));
  });

  it('has Dutch words for every refusal a pupil-data policy can audit', () => {
    const refusals = policies.filter((p) => p.pupilData).flatMap((p) => [`${p.entity}.read_refused`, ...p.actions.map((a) => `${p.entity}.${snake(a)}_refused`)]);
    expect(refusals.length).toBeGreaterThan(30);
    expect(refusals.filter((a) => !isAuditAction(a))).toEqual([]);
  });

  it('writes every label as a sentence part: lower case, at most one part about the pupil, no stray placeholder', () => {
    for (const [action, label] of Object.entries(AUDIT_LABELS)) {
      expect(label, action).toMatch(/^[a-zë]/);
      expect(label.replace(/\[[^\]]*\{leerling\}[^\]]*\]/, '').replace(/\{(lijst|aantal)\}/g, ''), action).not.toMatch(/[[\]{}]/);
      if (action.endsWith('_refused')) expect(label, action).toMatch(/\(geweigerd\)$/);
    }
  });

  it('reads as a sentence with actor and pupil, and without the pupil when the row names none', () => {
    const s = (action: string, actorName: string | null, pupilName: string | null, details = {}) => auditSentence({ action, actorName, pupilName, details });
    expect(s('opp.read', 'Jan de Boer', 'S. de Vries')).toBe('Jan de Boer bekeek het OPP van S. de Vries');
    expect(s('request.list', 'Jan de Boer', 'S. de Vries')).toBe('Jan de Boer zag de aanvraag voor S. de Vries in de werklijst');
    expect(s('opp.read_refused', 'Jan de Boer', 'een leerling')).toBe('Jan de Boer probeerde het OPP van een leerling te openen (geweigerd)');
    expect(s('document.download', 'Jan de Boer', null)).toBe('Jan de Boer downloadde een document');
    expect(s('opp.parent_read', null, 'S. de Vries', { signer: 'parent' })).toBe('Een ouder las het OPP van S. de Vries via de link');
    expect(s('opp.response_agree', null, 'S. de Vries', { signer: 'pupil' })).toBe('De leerling stemde in met het OPP van S. de Vries');
    expect(s('request.health_removed', null, 'S. de Vries')).toBe('Het systeem verwijderde na de bewaartermijn gezondheidsgegevens uit een aanvraag voor S. de Vries');
    expect(s('list.export', 'Jan de Boer', null, { list: 'tlvs', count: 12, format: 'xlsx' })).toBe('Jan de Boer exporteerde het TLV-register (12 regels)');
    expect(s('request.list_export', 'Jan de Boer', 'S. de Vries', { list: 'requests' })).toBe('Jan de Boer exporteerde de aanvraag voor S. de Vries uit de werklijst');
    expect(s('pupil.viewed', 'Jan de Boer', null)).toBe('Jan de Boer deed iets wat het auditlog niet kent (pupil.viewed)');
  });
});
