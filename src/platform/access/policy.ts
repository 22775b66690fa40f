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

/**
 * A status rule (docs/decisions/0010-policy-as-scope.md): why the action
 * cannot be done to the resource as it stands now, in Dutch, saying what to
 * do instead; null when it can. It is "not now" (409), apart from the rule's
 * "not yours" (403), and asked only of whoever the rule admits.
 */
export type NotNow<R> = (r: R) => string | null;

export interface Policy<R, A extends string> {
  entity: string;
  /** Every action the policy rules on (a refusal of each is audited as `<entity>.<action>_refused`). */
  actions: readonly A[];
  /** The entity holds pupil data: a refused read of it is audited (see reveal.ts). */
  pupilData: boolean;
  /**
   * Actions that show the entity to whoever may do them, for that action
   * only (the loket takes a request it cannot read yet). Every other action
   * needs 'read' first: what the reader may not read is not there (404).
   */
  revealedBy: readonly A[];
  /** The action is the principal's (the rule alone; the resource's status may still refuse it now). */
  permits(p: Principal, action: A, r: R): boolean;
  /** Why the action cannot be done to the resource now (its status rule), or null. */
  notNow(action: A, r: R): string | null;
  /** The principal may do the action now: the rule admits them and the status rule does not refuse. */
  can(p: Principal, action: A, r: R): boolean;
  /** Throws FORBIDDEN (403) when the action is not the principal's, then CONFLICT (409) with the reason when not now. */
  authorize(p: Principal, action: A, r: R): void;
  /** The allowed actions (now), for presenters: the UI shows a button only when it may be used. */
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

export interface PolicyOptions<R, A extends string> {
  pupilData?: boolean;
  revealedBy?: readonly A[];
  /** List scopes per action; an action without one cannot be listed. */
  scopes?: Partial<Record<A, Scope>>;
  /** Status rules per action: when the resource as it stands refuses the action (409 with the reason). */
  notNow?: Partial<Record<A, NotNow<R>>>;
}

export function definePolicy<R, A extends string>(entity: string, rules: Record<A, Rule<R>>, options: PolicyOptions<R, A> = {}): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  const permits = (p: Principal, action: A, r: R) => rules[action](p, r);
  const notNow = (action: A, r: R) => options.notNow?.[action]?.(r) ?? null;
  const can = (p: Principal, action: A, r: R) => permits(p, action, r) && notNow(action, r) === null;
  return {
    entity,
    actions,
    pupilData: options.pupilData ?? false,
    revealedBy: options.revealedBy ?? [],
    permits,
    notNow,
    can,
    authorize(p, action, r) {
      if (!permits(p, action, r)) fail('FORBIDDEN');
      const why = notNow(action, r);
      if (why !== null) fail('CONFLICT', why);
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
