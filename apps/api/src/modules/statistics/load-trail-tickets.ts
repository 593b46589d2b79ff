/**
 * Loads tickets with their trail (oldest first) and what reading a trail needs: the categories'
 * limits, the work calendar and the units of the accounts that accepted them. Shared by the fact
 * refresh (whole trails) and the full recomputation from the raw trail (trails cut at a period's end).
 */
import type { Prisma, PrismaClient } from '@yixian/db';
import { CATEGORY_LIMIT_SELECT, resolveCategoryLimits, resolveTimeLimits, type ResolvedCategoryLimits } from '@yixian/domain';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { TrailContext, TrailTicket } from './collect-indicator-sets.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** Tickets loaded per query; well under PostgreSQL's 65,535 bind parameters. */
const TICKET_CHUNK = 5_000;

export async function loadTrailTickets(db: Db, ids: readonly string[], options: { before?: Date } = {}): Promise<{ tickets: TrailTicket[]; context: TrailContext }> {
  const rows = [];
  for (let i = 0; i < ids.length; i += TICKET_CHUNK) {
    rows.push(...(await db.ticket.findMany({
      where: { id: { in: ids.slice(i, i + TICKET_CHUNK) as string[] } },
      select: {
        id: true, kind: true, channel: true, urgency: true, fields: true, categoryId: true,
        events: {
          ...(options.before ? { where: { at: { lt: options.before } } } : {}),
          orderBy: { id: 'asc' }, select: { action: true, toState: true, unitId: true, actorId: true, data: true, at: true },
        },
      },
    })));
  }
  const categoryIds = [...new Set(rows.map((t) => t.categoryId))];
  const categories = await db.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true, ...CATEGORY_LIMIT_SELECT } });
  const limits = new Map<string, ResolvedCategoryLimits>(categories.map((c) => [c.id, resolveCategoryLimits(c)]));
  const actorIds = [...new Set(rows.flatMap((t) => t.events.filter((e) => e.action === 'create' && e.actorId).map((e) => e.actorId!)))];
  const users = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, unitId: true } }) : [];
  const unitOf = new Map(users.map((u) => [u.id, u.unitId]));
  const calendar = await loadWorkCalendar(db);
  return {
    tickets: rows.map(({ events, ...ticket }) => ({ ...ticket, trail: events })),
    context: {
      calendar,
      limitsFor: (id) => limits.get(id) ?? { limits: resolveTimeLimits() },
      unitOfUser: (id) => (id ? unitOf.get(id) ?? null : null),
    },
  };
}
