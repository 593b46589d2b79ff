/**
 * The ticket search (工单查询): one page of matching tickets with the names the console shows
 * (category, lead unit, area), sorted and paged in the database, and a count that stops past
 * SEARCH_COUNT_CAP (a count of every match of a wide search would cost more than the page itself).
 *
 * The capped count runs first and chooses the plan:
 * - few matches (≤ SEARCH_COUNT_CAP): the filters' indexes (the bigram GIN index for words, trigrams
 *   for a code) find them all, and they are sorted;
 * - many, with words (a common word: 路灯 is in 7 % of tickets): walking the sort column's index and checking
 *   the words row by row fills a page after a few hundred rows, where the index would fetch and
 *   sort tens of thousands. The walk is bounded (WALK_ROWS rows in sort order); when it does not
 *   fill the page (a deep page of a rarer word), the index plan answers.
 * - many, without words: PostgreSQL's own plan (it walks the sort index for a wide list).
 * PostgreSQL cannot choose this itself: it estimates a multi-bigram word (噪音扰民) at a few hundred
 * rows when it is in fifty thousand, and a day's code prefix at most of the table.
 */
import { Prisma, type PrismaClient, type Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { CONFIDENTIAL_REVEAL_ROLES } from '../privacy/reveal-policy.js';
import { presentTicket } from './ticket-presenter.js';
import { buildTicketSearchWhere, type TicketSearchFilters } from './ticket-search-where.js';
import { SEARCH_COUNT_CAP, SEARCH_ROW_CAP, type SearchSort } from './tickets-search.schemas.js';

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

/** Rows in sort order the walk plan looks at before it gives the page to the index plan. */
const WALK_ROWS = 50_000;

/** Refuses what the actor may not ask: the confidential filter outside the shift lead and commander. */
export function checkSearchAllowed(actor: Actor, filters: TicketSearchFilters): void {
  if (filters.confidential !== undefined && !actor.roles.some((role) => CONFIDENTIAL_REVEAL_ROLES.includes(role))) {
    throw new AppError('forbidden', 'Only the shift lead or the commander may filter on confidential tickets', { field: 'confidential' });
  }
}

/**
 * The order, with the id to break ties. Only the deadline can be missing, and tickets without one
 * come last either way: ascending, NULLS LAST (the plain index); descending, as -infinity, which the
 * expression index `ticket_handleDueAt_desc_idx` serves. The other columns are never null, and a
 * NULLS LAST on them would keep PostgreSQL off their indexes.
 */
function orderBy(sort: SearchSort = 'created', order: 'asc' | 'desc' = 'desc'): Prisma.Sql {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  if (sort === 'handle_due') {
    const deadline = order === 'asc' ? 't."handleDueAt" ASC NULLS LAST' : `coalesce(t."handleDueAt", '-infinity'::timestamp(3)) DESC`;
    return Prisma.raw(`${deadline}, t."id" ${direction}`);
  }
  return Prisma.raw(`t.${SORT_COLUMNS[sort]} ${direction}, t."id" ${direction}`);
}

/** A code prefix of a whole day at least (YX20260606): a few thousand tickets, gathered and sorted at once. */
const dayOrNarrowerCode = (code: string | undefined) => code !== undefined && code.length >= 'YX20260606'.length;

/** The page of tickets, their names, and the (capped) count. `number` is what was searched by number, for the audit. */
export async function searchTickets(prisma: PrismaClient, actor: Actor, options: SearchTicketsOptions) {
  checkSearchAllowed(actor, options);
  if (options.page * options.pageSize > SEARCH_COUNT_CAP) {
    throw new AppError('validation_failed', `Pages reach at most the first ${SEARCH_COUNT_CAP} tickets: narrow the search`, { field: 'page' });
  }
  const { where, base, text, number } = await buildTicketSearchWhere(prisma, actor, options, options.now);
  const order = orderBy(options.sort, options.order);
  const offset = (options.page - 1) * options.pageSize;
  const countMatches = async () => (await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "ticket" t WHERE ${where} LIMIT ${SEARCH_COUNT_CAP + 1}) AS hits`)[0]?.n ?? 0;
  // The count (capped) runs first and picks the plan: a few matches are fetched through the filters'
  // indexes and sorted; many are found by walking the sort order (the words checked row by row).
  const total = await countMatches();
  let rows: SearchRow[];
  if (total <= SEARCH_COUNT_CAP || dayOrNarrowerCode(options.code)) {
    rows = await selectFewTickets(prisma, where, order, options.pageSize, offset);
  } else if (text) {
    const walked = await walkTickets(prisma, base, text, order, options.pageSize, offset);
    rows = walked.length === options.pageSize ? walked : await selectTickets(prisma, where, order, options.pageSize, offset);
  } else {
    rows = await selectTickets(prisma, where, order, options.pageSize, offset);
  }
  return { total: Math.min(total, SEARCH_COUNT_CAP), totalCapped: total > SEARCH_COUNT_CAP, items: rows.map(presentSearchRow), number };
}

/** Up to SEARCH_ROW_CAP matches in the same order (the export). */
export async function searchTicketsForExport(prisma: PrismaClient, actor: Actor, options: Omit<SearchTicketsOptions, 'page' | 'pageSize'>) {
  checkSearchAllowed(actor, options);
  const { where, number } = await buildTicketSearchWhere(prisma, actor, options, options.now);
  const rows = await selectTickets(prisma, where, orderBy(options.sort, options.order), SEARCH_ROW_CAP, 0);
  return { items: rows.map(presentSearchRow), number };
}

const NAMES = Prisma.sql`
    c."name" AS "categoryName", c."nameEn" AS "categoryNameEn", u."name" AS "leadUnitName", u."nameEn" AS "leadUnitNameEn",
    a."name" AS "areaName", a."nameEn" AS "areaNameEn"`;
const NAME_JOINS = Prisma.sql`
      LEFT JOIN "category" c ON c."id" = t."categoryId"
      LEFT JOIN "unit" u ON u."id" = t."leadUnitId"
      LEFT JOIN "area" a ON a."id" = t."areaId"`;

function selectTickets(prisma: PrismaClient, where: Prisma.Sql, order: Prisma.Sql, limit: number, offset: number) {
  return prisma.$queryRaw<SearchRow[]>`
    SELECT t.*, ${NAMES}
      FROM "ticket" t ${NAME_JOINS}
     WHERE ${where}
     ORDER BY ${order}
     LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * The few-matches plan: all matches (at most SEARCH_COUNT_CAP, as just counted) gathered first, then
 * sorted. Without the fence PostgreSQL may walk the sort column's index instead when it misjudges a
 * filter's selectivity: a code prefix of one day (YX20260606-) is 300 tickets, but its trigrams are in
 * every code, so it walked half the year's tickets newest first (4.9 s).
 */
function selectFewTickets(prisma: PrismaClient, where: Prisma.Sql, order: Prisma.Sql, limit: number, offset: number) {
  return prisma.$queryRaw<SearchRow[]>`
    WITH hits AS MATERIALIZED (SELECT * FROM "ticket" t WHERE ${where})
    SELECT t.*, ${NAMES}
      FROM hits t ${NAME_JOINS}
     ORDER BY ${order}
     LIMIT ${limit} OFFSET ${offset}`;
}

/** The walk plan: the first WALK_ROWS tickets in sort order (by the sort column's index), then the words. */
function walkTickets(prisma: PrismaClient, base: Prisma.Sql, text: Prisma.Sql, order: Prisma.Sql, limit: number, offset: number) {
  return prisma.$queryRaw<SearchRow[]>`
    SELECT t.*, ${NAMES}
      FROM (SELECT * FROM "ticket" t WHERE ${base} ORDER BY ${order} LIMIT ${WALK_ROWS}) t ${NAME_JOINS}
     WHERE ${text}
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
