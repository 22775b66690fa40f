import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { definePolicy, schoolRole } from './policy.ts';
import { createTenantScope, type Principal } from './principal.ts';
import { reveal } from './reveal.ts';

const principal = (role: 'oco' | 'mentor' | 'swv_consultant', schoolId: string | null): Principal => ({
  userId: 'u1',
  name: 'Test',
  email: 't@example.nl',
  scope: createTenantScope('p1'),
  roles: [{ role, schoolId }],
  classIds: [],
});

interface Thing {
  schoolId: string | null;
  pupilId: string;
}
const policy = definePolicy<Thing, 'read' | 'edit' | 'pickUp'>(
  'thing',
  {
    read: schoolRole('oco', 'mentor'),
    edit: schoolRole('oco'),
    pickUp: (p) => p.roles.some((r) => r.role === 'swv_consultant'),
  },
  { pupilData: true, revealedBy: ['pickUp'] },
);
const row: Thing = { schoolId: 's1', pupilId: 'pupil-1' };

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, refusal: e.refusal };
    throw e;
  }
  throw new Error('not refused');
};

describe('reveal, then authorise', () => {
  it('returns the row when the reader may read it and do the action', () => {
    expect(reveal(principal('oco', 's1'), policy, 'edit', { id: 't1', row })).toBe(row);
  });

  it('is 404 for what the reader may not read, and audits the probe with ids only', () => {
    expect(refusal(() => reveal(principal('oco', 's2'), policy, 'read', { id: 't1', row }))).toEqual({
      status: 404,
      refusal: { action: 'thing.read_refused', entityType: 'thing', entityId: 't1', pupilId: 'pupil-1', schoolId: 's1', details: { status: 404, action: 'read' } },
    });
  });

  it('is 404 for an id that is not there, audited without a pupil', () => {
    expect(refusal(() => reveal(principal('oco', 's1'), policy, 'read', { id: 'nope', row: undefined, entity: 'document' }))).toEqual({
      status: 404,
      refusal: { action: 'document.read_refused', entityType: 'document', entityId: 'nope', pupilId: null, schoolId: null, details: { status: 404, action: 'read' } },
    });
  });

  it('is 403 for an action the reader may not do on what they may read, named after the action', () => {
    const r = refusal(() => reveal(principal('mentor', 's1'), policy, 'edit', { id: 't1', row }));
    expect(r.status).toBe(403);
    expect(r.refusal?.action).toBe('thing.edit_refused');
  });

  it('shows the entity for an action that reveals it, for that action only', () => {
    expect(reveal(principal('swv_consultant', null), policy, 'pickUp', { id: 't1', row })).toBe(row);
    expect(refusal(() => reveal(principal('swv_consultant', null), policy, 'edit', { id: 't1', row })).status).toBe(404);
  });

  it('is 409 with the status rule\'s reason for an action that is the reader\'s but not now, without a refusal to audit', () => {
    const withStatus = definePolicy<Thing & { sent: boolean }, 'read' | 'edit'>(
      'thing',
      { read: schoolRole('oco', 'mentor'), edit: schoolRole('oco') },
      { pupilData: true, notNow: { edit: (r) => (r.sent ? 'Al verstuurd.' : null) } },
    );
    const sent = { ...row, sent: true };
    expect(refusal(() => reveal(principal('oco', 's1'), withStatus, 'edit', { id: 't1', row: sent }))).toEqual({ status: 409, refusal: undefined });
    // Not theirs goes before not now: the mentor is refused the action (403), whatever its status.
    expect(refusal(() => reveal(principal('mentor', 's1'), withStatus, 'edit', { id: 't1', row: sent })).status).toBe(403);
    expect(reveal(principal('oco', 's1'), withStatus, 'edit', { id: 't1', row: { ...row, sent: false } })).toEqual({ ...row, sent: false });
    expect(withStatus.can(principal('oco', 's1'), 'edit', sent)).toBe(false);
    expect(withStatus.permits(principal('oco', 's1'), 'edit', sent)).toBe(true);
  });

  it('audits nothing for an entity without pupil data', () => {
    const plain = definePolicy<Thing, 'read'>('plain', { read: schoolRole('oco') });
    expect(refusal(() => reveal(principal('mentor', 's1'), plain, 'read', { id: 't1', row }))).toEqual({ status: 404, refusal: undefined });
  });
});
