/**
 * The ticket search (工单查询): one page of matching tickets with the names the console shows
 * (category, lead unit, area), sorted and paged in the database, and a count that stops past
 * SEARCH_ROW_CAP (a count of every match of a wide search would cost more than the page itself).
 */
import { Prisma, type PrismaClient, type Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { CONFIDENTIAL_REVEAL_ROLES } from '../privacy/reveal-policy.js';
import { presentTicket } from './ticket-presenter.js';
import { buildTicketSearchWhere, type TicketSearchFilters } from './ticket-search-where.js';
import { SEARCH_ROW_CAP, type SearchSort } from './tickets-search.schemas.js';

export interface SearchTicketsOptions extends TicketSearchFilters {
  sort?: SearchSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
  now: Date;
}

type SearchRow = Ticket & {
  categoryName: string | null; categoryNameEn: string | null; leadUnitName: string | null; leadUnitNameEn: string | null;
  areaName: string | null; areaNameEn: string | null;
};

const SORT_COLUMNS: Record<SearchSort, string> = { created: '"createdAt"', updated: '"updatedAt"', handle_due: '"handleDueAt"' };

/** Refuses what the actor may not ask: the confidential filter outside the shift lead and commander. */
export function checkSearchAllowed(actor: Actor, filters: TicketSearchFilters): void {
  if (filters.confidential !== undefined && !actor.roles.some((role) => CONFIDENTIAL_REVEAL_ROLES.includes(role))) {
    throw new AppError('forbidden', 'Only the shift lead or the commander may filter on confidential tickets', { field: 'confidential' });
  }
}

function orderBy(sort: SearchSort = 'created', order: 'asc' | 'desc' = 'desc'): Prisma.Sql {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  return Prisma.raw(`t.${SORT_COLUMNS[sort]} ${direction} NULLS LAST, t."id" ${direction}`);
}

/** The page of tickets, their names, and the (capped) count. `number` is what was searched by number, for the audit. */
export async function searchTickets(prisma: PrismaClient, actor: Actor, options: SearchTicketsOptions) {
  checkSearchAllowed(actor, options);
  if (options.page * options.pageSize > SEARCH_ROW_CAP) {
    throw new AppError('validation_failed', `Pages reach at most the first ${SEARCH_ROW_CAP} tickets: narrow the search`, { field: 'page' });
  }
  const { where, number } = await buildTicketSearchWhere(prisma, actor, options, options.now);
  const offset = (options.page - 1) * options.pageSize;
  const [rows, counted] = await Promise.all([
    selectTickets(prisma, where, orderBy(options.sort, options.order), options.pageSize, offset),
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT 1 FROM "ticket" t WHERE ${where} LIMIT ${SEARCH_ROW_CAP + 1}) AS hits`,
  ]);
  const total = counted[0]?.n ?? 0;
  return { total: Math.min(total, SEARCH_ROW_CAP), totalCapped: total > SEARCH_ROW_CAP, items: rows.map(presentSearchRow), number };
}

/** Up to SEARCH_ROW_CAP matches in the same order (the export). */
export async function searchTicketsForExport(prisma: PrismaClient, actor: Actor, options: Omit<SearchTicketsOptions, 'page' | 'pageSize'>) {
  checkSearchAllowed(actor, options);
  const { where, number } = await buildTicketSearchWhere(prisma, actor, options, options.now);
  const rows = await selectTickets(prisma, where, orderBy(options.sort, options.order), SEARCH_ROW_CAP, 0);
  return { items: rows.map(presentSearchRow), number };
}

function selectTickets(prisma: PrismaClient, where: Prisma.Sql, order: Prisma.Sql, limit: number, offset: number) {
  return prisma.$queryRaw<SearchRow[]>`
    SELECT t.*, c."name" AS "categoryName", c."nameEn" AS "categoryNameEn", u."name" AS "leadUnitName", u."nameEn" AS "leadUnitNameEn",
           a."name" AS "areaName", a."nameEn" AS "areaNameEn"
      FROM "ticket" t
      LEFT JOIN "category" c ON c."id" = t."categoryId"
      LEFT JOIN "unit" u ON u."id" = t."leadUnitId"
      LEFT JOIN "area" a ON a."id" = t."areaId"
     WHERE ${where}
     ORDER BY ${order}
     LIMIT ${limit} OFFSET ${offset}`;
}

function presentSearchRow(row: SearchRow) {
  return {
    ...presentTicket(row),
    categoryName: row.categoryName, categoryNameEn: row.categoryNameEn,
    leadUnitName: row.leadUnitName, leadUnitNameEn: row.leadUnitNameEn,
    areaName: row.areaName, areaNameEn: row.areaNameEn,
  };
}

export type SearchItem = ReturnType<typeof presentSearchRow>;
