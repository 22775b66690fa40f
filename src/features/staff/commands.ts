import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { roles as catalogue } from '../../platform/access/roles.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { deleteUserSessions } from '../../platform/auth/sessions.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { queueMail } from '../../platform/mail.ts';
import { issueToken } from '../../platform/auth/user-tokens.ts';
import { canAssign, managedSchools, staffPolicy, type StaffAction, type StaffResource } from './policy.ts';
import type { InviteInput, RoleInput } from './schema.ts';

type RoleIn = z.infer<typeof RoleInput>;

/** Each role must fit its scope, be at a school of this tenant, and be the viewer's to give. */
async function checkRoles(tx: Tx, ctx: StaffContext, roles: RoleIn[]) {
  const schoolIds = [...new Set(roles.map((r) => r.schoolId).filter((s): s is string => s !== null))];
  const known = schoolIds.length
    ? (await tx<{ id: string }[]>`select id from schools where id = any(${schoolIds}::uuid[]) and partnership_id = ${ctx.scope.partnershipId}`).map((r) => r.id)
    : [];
  roles.forEach((r, i) => {
    const scope = catalogue[r.role].scope;
    if (scope === 'school' && r.schoolId === null) fieldError(`roles.${i}.schoolId`, `Kies bij de rol ${catalogue[r.role].label} een school.`);
    if (scope === 'partnership' && r.schoolId !== null) fieldError(`roles.${i}.schoolId`, `De rol ${catalogue[r.role].label} geldt voor het hele samenwerkingsverband, niet voor één school.`);
    if (r.schoolId !== null && !known.includes(r.schoolId)) fieldError(`roles.${i}.schoolId`, 'Onbekende school.');
    if (!canAssign(ctx.principal, r.role, r.schoolId)) fail('FORBIDDEN', `U mag de rol ${catalogue[r.role].label} hier niet toekennen.`);
  });
}

type Invitee = { id: string; email: string; name: string; emailInUse: boolean };

async function loadResource(tx: Tx, ctx: StaffContext, userId: string, action: StaffAction): Promise<StaffResource & Omit<Invitee, 'id'>> {
  const [row] = await tx<(StaffResource & Omit<Invitee, 'id'>)[]>`
    select u.id as "userId", u.status, u.email, u.name, u.email_in_use as "emailInUse",
           array(select school_id from role_assignments r where r.user_id = u.id) as "roleSchoolIds"
    from users u where u.id = ${userId} and u.partnership_id = ${ctx.scope.partnershipId} for update`;
  return reveal(ctx.principal, staffPolicy, action, { id: userId, row });
}

/**
 * The invitation mail. When the address already has an account in another
 * partnership, the mail goes to its owner without a link: it says who asked
 * and what to do. The inviting admin sees the same as for any invitation.
 */
async function mailInvitation(tx: Tx, ctx: StaffContext, user: Invitee) {
  const [p] = await tx<{ name: string }[]>`select name from partnerships where id = ${ctx.scope.partnershipId}`;
  if (user.emailInUse) {
    // Across partnerships: only through the owner's function of migration 0014 (docs/decisions/0009-row-level-security.md).
    const [owner] = await tx<{ name: string | null }[]>`select address_holder(${user.email}) as name`;
    await queueMail(tx, {
      to: user.email,
      subject: `Uitnodiging voor Leerrecht (${p!.name})`,
      text: `Beste ${owner?.name ?? 'collega'},\n\n${ctx.principal.name} van ${p!.name} wil u toegang geven tot Leerrecht.\nMet dit e-mailadres heeft u al een account bij een ander samenwerkingsverband, en één e-mailadres hoort bij één account. Daarom kunt u deze uitnodiging niet aannemen.\n\nWerkt u ook voor ${p!.name}? Vraag dan ${ctx.principal.name} om u uit te nodigen met een ander e-mailadres, bijvoorbeeld uw werkadres daar. We hebben ${ctx.principal.name} niet verteld dat dit adres al een account heeft.\n\nKent u deze uitnodiging niet? Dan kunt u deze e-mail negeren.`,
    });
    return;
  }
  const token = await issueToken(tx, user.id, 'invite');
  await queueMail(tx, {
    to: user.email,
    subject: `Uitnodiging voor Leerrecht (${p!.name})`,
    text: `Beste ${user.name},\n\n${ctx.principal.name} nodigt u uit voor Leerrecht van ${p!.name}.\nKies via deze link een wachtwoord (7 dagen geldig):\n\n${ctx.publicUrl}/uitnodiging#token=${token}\n\nDaarna stelt u tweestapsverificatie in met een authenticator-app op uw telefoon.`,
  });
}

/**
 * An address that already has an account here is named (the admin can find
 * that person); one with an account in another partnership is not: the
 * invitation then looks and answers like any other (no account enumeration
 * across tenants), but can never be accepted (one account per address).
 */
export async function inviteStaff(ctx: StaffContext, input: z.infer<typeof InviteInput>) {
  staffPolicy.authorize(ctx.principal, 'invite', { userId: '', status: 'invited', roleSchoolIds: [] });
  return transaction(ctx.sql, async (tx) => {
    await checkRoles(tx, ctx, input.roles);
    const [here] = await tx`select 1 from users where lower(email) = ${input.email} and partnership_id = ${ctx.scope.partnershipId}`;
    if (here) fieldError('email', 'Er bestaat al een account met dit e-mailadres. Zoek de persoon op en geef daar een extra rol.');
    const [elsewhere] = await tx<{ holder: string | null }[]>`select address_holder(${input.email}) as holder`;
    const emailInUse = elsewhere!.holder !== null;
    const [user] = await tx<{ id: string }[]>`
      insert into users (partnership_id, email, name, status, email_in_use)
      values (${ctx.scope.partnershipId}, ${input.email}, ${input.name}, 'invited', ${emailInUse}) returning id`;
    await tx`insert into role_assignments ${tx(input.roles.map((r) => ({ partnership_id: ctx.scope.partnershipId, user_id: user!.id, role: r.role, school_id: r.schoolId })))}`;
    await mailInvitation(tx, ctx, { id: user!.id, email: input.email, name: input.name, emailInUse });
    await audit(tx, ctx.actor, { action: 'staff.invite', entityType: 'user', entityId: user!.id, details: { roles: input.roles } });
    return { id: user!.id };
  });
}

/**
 * Replaces the roles the viewer manages; roles at other schools (or
 * partnership-wide, for a school admin) stay as they are.
 */
export async function setRoles(ctx: StaffContext, userId: string, roles: RoleIn[]) {
  return transaction(ctx.sql, async (tx) => {
    await loadResource(tx, ctx, userId, 'editRoles');
    await checkRoles(tx, ctx, roles);
    const managed = managedSchools(ctx.principal);
    await tx`delete from role_assignments where user_id = ${userId}
             and (${managed}::uuid[] is null or school_id = any(${managed}::uuid[]))`;
    if (roles.length) {
      await tx`insert into role_assignments ${tx(roles.map((r) => ({ partnership_id: ctx.scope.partnershipId, user_id: userId, role: r.role, school_id: r.schoolId })))}
               on conflict do nothing`;
    }
    const [left] = await tx<{ n: number }[]>`select count(*)::int as n from role_assignments where user_id = ${userId}`;
    if (left!.n === 0) fieldError('roles', 'Iemand zonder rollen kan niets; deactiveer het account in plaats daarvan.');
    await audit(tx, ctx.actor, { action: 'staff.roles', entityType: 'user', entityId: userId, details: { roles } });
    return { id: userId };
  });
}

export async function setActive(ctx: StaffContext, userId: string, active: boolean) {
  return transaction(ctx.sql, async (tx) => {
    await loadResource(tx, ctx, userId, active ? 'reactivate' : 'deactivate');
    // A reactivated account that never set a password goes back to "invited".
    await tx`update users set status = case when ${active} then (case when password_hash is null then 'invited' else 'active' end) else 'deactivated' end
             where id = ${userId}`;
    if (!active) await deleteUserSessions(tx, userId);
    await audit(tx, ctx.actor, { action: active ? 'staff.reactivate' : 'staff.deactivate', entityType: 'user', entityId: userId });
    return { id: userId };
  });
}

export async function resendInvitation(ctx: StaffContext, userId: string) {
  return transaction(ctx.sql, async (tx) => {
    const user = await loadResource(tx, ctx, userId, 'resendInvitation');
    await mailInvitation(tx, ctx, { id: userId, email: user.email, name: user.name, emailInUse: user.emailInUse });
    await audit(tx, ctx.actor, { action: 'staff.invite_resent', entityType: 'user', entityId: userId });
    return { id: userId };
  });
}
