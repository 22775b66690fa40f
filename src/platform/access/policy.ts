import type postgres from 'postgres';
import type { Db } from '../../db/index.ts';
import { fail } from '../errors.ts';
import { hasPartnershipRole, hasSchoolRole, type Principal } from './principal.ts';
import type { Role } from './roles.ts';

/**
 * One policy per entity: for each action, a rule over (principal, resource).
 * Tenant isolation is not a rule here: queries only ever load rows of the
 * principal's partnership, so a resource of another tenant is never seen
 * (404). Rules decide role × action × scope within the tenant.
 *
 * Adding an entity = one `definePolicy` call in the feature's policy.ts.
 */
export type Rule<R> = (p: Principal, r: R) => boolean;

export interface Policy<R, A extends string> {
  entity: string;
  /** The entity holds pupil data: a refused read of it is audited (see reveal.ts). */
  pupilData: boolean;
  /**
   * Actions that show the entity to whoever may do them, for that action
   * only (the loket takes a request it cannot read yet). Every other action
   * needs 'read' first: what the reader may not read is not there (404).
   */
  revealedBy: readonly A[];
  can(p: Principal, action: A, r: R): boolean;
  /** Throws FORBIDDEN when the action is not allowed. */
  authorize(p: Principal, action: A, r: R): void;
  /** The allowed actions, for presenters: the UI shows a button only when it may be used. */
  allowed(p: Principal, r: R): Record<A, boolean>;
  /**
   * The rows an action's rule admits, as a SQL condition for a list query
   * (over the table alias the policy names). A list and a read use the same
   * policy, and tests/integration/policy-scope.test.ts proves for every role
   * that the condition admits exactly the rows the rule does.
   */
  scope(db: Db, p: Principal, action: A): postgres.Fragment;
}

/** The SQL twin of a rule: the same decision, for every row of a list at once. */
export type Scope = (db: Db, p: Principal) => postgres.Fragment;

export interface PolicyOptions<A extends string> {
  pupilData?: boolean;
  revealedBy?: readonly A[];
  /** List scopes per action; an action without one cannot be listed. */
  scopes?: Partial<Record<A, Scope>>;
}

export function definePolicy<R, A extends string>(entity: string, rules: Record<A, Rule<R>>, options: PolicyOptions<A> = {}): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  const can = (p: Principal, action: A, r: R) => rules[action](p, r);
  return {
    entity,
    pupilData: options.pupilData ?? false,
    revealedBy: options.revealedBy ?? [],
    can,
    authorize(p, action, r) {
      if (!can(p, action, r)) fail('FORBIDDEN');
    },
    allowed: (p, r) => Object.fromEntries(actions.map((a) => [a, can(p, a, r)])) as Record<A, boolean>,
    scope(db, p, action) {
      const scope = options.scopes?.[action];
      if (!scope) throw new Error(`${entity}: no list scope for '${action}'`);
      return scope(db, p);
    },
  };
}

/** Holds one of the roles for the whole partnership. */
export const partnershipRole =
  <R>(...roles: Role[]): Rule<R> =>
  (p) =>
    hasPartnershipRole(p, ...roles);

/** Holds one of the roles at the resource's school. */
export const schoolRole =
  <R extends { schoolId: string | null }>(...roles: Role[]): Rule<R> =>
  (p, r) =>
    r.schoolId !== null && hasSchoolRole(p, r.schoolId, ...roles);

/** Teaches or mentors the resource's class. */
export const ownClass =
  <R extends { classId: string | null }>(): Rule<R> =>
  (p, r) =>
    r.classId !== null && p.classIds.includes(r.classId);

export const anyOf =
  <R>(...rules: Rule<R>[]): Rule<R> =>
  (p, r) =>
    rules.some((rule) => rule(p, r));

export const nobody: Rule<unknown> = () => false;
