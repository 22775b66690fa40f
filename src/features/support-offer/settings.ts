import type { Db } from '../../db/index.ts';
import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/errors.ts';
import { offerPolicy } from './policy.ts';
import type { SettingsInput, SupportOfferSettings } from './schema.ts';
import type { z } from 'zod';

/**
 * Until a partnership words its own: the levels as the field knows them
 * (DOMAIN §1; the norm of one hour of support staff per pupil per year is
 * one partnership's, seed 000), and rules that make a profile worth
 * publishing: the basis for every need, places, and a way to reach the
 * school. A profile is renewed every school year (seed 002 §4.4.1: "Scholen
 * moeten hun schoolprofiel jaarlijks actualiseren"), by 1 October.
 */
export const DEFAULT_SUPPORT_OFFER_SETTINGS: SupportOfferSettings = {
  levels: {
    basis: { label: 'Basisondersteuning', description: 'Wat elke school in het samenwerkingsverband elke leerling biedt, zonder aanvraag.' },
    basisplus: { label: 'Basisplus', description: 'Snel beschikbare extra hulp die de school zelf regelt, voor een korte tijd of een kleine groep.' },
    extra: { label: 'Extra ondersteuning', description: 'Hulp op maat voor één leerling, met een ontwikkelingsperspectiefplan (OPP). Soms met een arrangement van het samenwerkingsverband.' },
  },
  rules: { requireBasisForEveryNeed: true, requireCapacity: true, requireContact: true, updateBefore: '10-01' },
};


export async function loadSettings(db: Db, partnershipId: string): Promise<SupportOfferSettings> {
  const [row] = await db<{ s: Partial<SupportOfferSettings> | null }[]>`select settings->'supportOffer' as s from partnerships where id = ${partnershipId}`;
  const s = row?.s ?? {};
  return {
    levels: { ...DEFAULT_SUPPORT_OFFER_SETTINGS.levels, ...(s.levels ?? {}) },
    rules: { ...DEFAULT_SUPPORT_OFFER_SETTINGS.rules, ...(s.rules ?? {}) },
  };
}

export interface NeedRow {
  id: string;
  label: string;
  description: string;
  active: boolean;
}

export const loadNeeds = (db: Db, partnershipId: string) =>
  db<NeedRow[]>`select id, label, description, active from support_needs where partnership_id = ${partnershipId} order by position, label`;

export async function getSettings(ctx: StaffContext) {
  offerPolicy.authorize(ctx.principal, 'readSettings', {});
  const [settings, needs] = await Promise.all([loadSettings(ctx.sql, ctx.scope.partnershipId), loadNeeds(ctx.sql, ctx.scope.partnershipId)]);
  return { ...settings, needs, allowed: { manage: offerPolicy.can(ctx.principal, 'manage', {}) } };
}

/**
 * The partnership's list of needs, levels and rules, in one save. A need
 * left out of the list is retired, not deleted: profiles keep naming it.
 */
export async function saveSettings(ctx: StaffContext, input: z.output<typeof SettingsInput>) {
  offerPolicy.authorize(ctx.principal, 'manage', {});
  const pid = ctx.scope.partnershipId;
  await transaction(ctx.sql, async (tx) => {
    const known = new Set((await tx<{ id: string }[]>`select id from support_needs where partnership_id = ${pid}`).map((r) => r.id));
    const kept = new Set<string>();
    for (const [i, n] of input.needs.entries()) {
      if (n.id) {
        if (!known.has(n.id)) fieldError(`needs.${i}.label`, 'Deze behoefte bestaat niet (meer). Vernieuw de pagina.');
        kept.add(n.id);
        await tx`update support_needs set label = ${n.label}, description = ${n.description}, active = ${n.active}, position = ${i} where id = ${n.id}`;
      } else {
        await tx`insert into support_needs (partnership_id, label, description, active, position) values (${pid}, ${n.label}, ${n.description}, ${n.active}, ${i})`;
      }
    }
    const retired = [...known].filter((id) => !kept.has(id));
    if (retired.length) {
      // At the end of the list, no longer offered for new profiles.
      await tx`update support_needs set active = false, position = ${input.needs.length} + position where id = any(${retired}::uuid[])`;
    }
    const settings: SupportOfferSettings = { levels: input.levels, rules: input.rules };
    await tx`update partnerships set settings = jsonb_set(settings, '{supportOffer}', ${tx.json(settings as never)}) where id = ${pid}`;
    await audit(tx, ctx.actor, { action: 'support_offer_settings.update', entityType: 'partnership', entityId: pid, details: { needs: input.needs.length, retired: retired.length } });
  }).catch((e: unknown) => (isUniqueViolation(e) ? fieldError('needs', 'Twee behoeften hebben dezelfde naam.') : Promise.reject(e)));
  return getSettings(ctx);
}
