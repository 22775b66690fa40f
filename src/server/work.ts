import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { transaction } from '../db/index.ts';
import { absenceWork } from '../features/absence/work.ts';
import { planWork } from '../features/plans/work.ts';
import { pupilWork } from '../features/pupils/work.ts';
import { requestFigures, requestWork } from '../features/requests/read/work.ts';
import { staffWork } from '../features/staff/work.ts';
import { qualityWork } from '../features/quality/work.ts';
import { supportOfferWork } from '../features/support-offer/work.ts';
import { meldcodeWork } from '../features/meldcode/work.ts';
import { supportRouteWork } from '../features/support-route/work.ts';
import { tlvFigures } from '../features/tlv-register/work.ts';
import { zorgplichtFigures, zorgplichtWork } from '../features/zorgplicht/work.ts';
import { auditMany } from '../platform/audit.ts';
import { staffContext, type StaffContext } from '../platform/http/context.ts';
import { today } from '../platform/time.ts';
import { Work } from '../platform/work-schema.ts';
import { byUrgency, type FigureSource, type WorkRead, type WorkSource } from '../platform/work.ts';

/**
 * The one list of work sources (docs/decisions/0012-work-and-menu.md): a
 * capability adds its `work.ts` here and its items appear on every start page
 * it concerns, and its counts in the menu entry it names. Neither the start
 * page nor the menu changes.
 */
export const workSources: WorkSource[] = [...requestWork, ...planWork, ...supportRouteWork, ...pupilWork, ...staffWork, ...supportOfferWork, ...qualityWork, ...meldcodeWork, ...absenceWork, ...zorgplichtWork];
export const figureSources: FigureSource[] = [...requestFigures, ...tlvFigures, ...zorgplichtFigures];

/** The start page shows the most urgent this many; the total and the menu counts count them all. */
export const WORK_SHOWN = 50;

/**
 * The reader's work list: every source that applies to them, most urgent
 * first, with counts per menu entry. Every pupil an item names is an audited
 * read ('work.list'), as in the request work list; only the items shown.
 */
export async function readWork(ctx: StaffContext, now = new Date()): Promise<Work> {
  const p = ctx.principal;
  return transaction(ctx.sql, async (tx) => {
    // Every start page runs the same few statements, each for one reader's schools or user id: one kept plan each
    // (src/db/index.ts, `known`), where PostgreSQL would otherwise plan most of them anew at every run.
    await tx`set local plan_cache_mode = force_generic_plan`;
    const o: WorkRead = { db: tx, principal: p, partnershipId: ctx.scope.partnershipId, today: today(now), now };
    const sources = workSources.filter((s) => s.applies(p));
    const read = await Promise.all(sources.map(async (s) => ({ source: s, ...(await s.read(o)) })));
    const figures = await Promise.all(figureSources.filter((f) => f.applies(p)).map((f) => f.read(o)));
    const all = read.flatMap((r) => r.items).sort(byUrgency);
    const shown = all.slice(0, WORK_SHOWN);
    const counts: Record<string, number> = {};
    for (const r of read) if (r.source.menu && r.count > 0) counts[r.source.menu] = (counts[r.source.menu] ?? 0) + r.count;
    await auditMany(
      tx,
      ctx.actor,
      shown
        .filter((i) => i.subject.pupilId)
        .map((i) => ({ action: 'work.list', entityType: i.subject.entityType, entityId: i.subject.entityId, pupilId: i.subject.pupilId, schoolId: i.subject.schoolId, details: { kind: i.kind } })),
    );
    return {
      today: o.today,
      items: shown.map(({ subject: _s, ...i }) => i),
      total: all.length,
      counts,
      figures,
    };
  });
}

export const workRoutes: FastifyPluginAsyncZod = async (app) => {
  // Every staff member has a start page; what is on it is the sources' and their policies' business.
  app.get('/api/work', { config: { auth: 'staff' }, schema: { response: { 200: Work } } }, (req) => readWork(staffContext(req)));
};
