/**
 * The WHERE clause of the ticket search, as SQL over `ticket t`: the actor's scope first, then each
 * filter. Text goes through indexes only: a code by the unique index (exact) or its prefix index, a
 * number by (callerNumber, createdAt), keywords and addresses by the bigram GIN index (see the
 * module README), the area by its subtree's paths (btree), the category by its subtree's ids.
 */
import { Prisma, type PrismaClient } from '@yixian/db';
import { normalisePhone } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { bigramContains } from '../../lib/bigram-search.js';
import type { Actor } from '../auth/actor.js';
import { canReveal } from '../privacy/reveal-policy.js';
import { ticketScopeSql } from './ticket-scope.js';

const OPEN_STATES = ['accepted', 'dispatched', 'signed', 'returned', 'in_progress', 'reopened'];
const SEARCH_TEXT = Prisma.sql`ticket_search_text(t."title", t."description", t."address")`;

export interface TicketSearchFilters {
  code?: string;
  number?: string;
  keyword?: string;
  address?: string;
  callId?: string;
  state?: string[];
  channel?: string;
  ticketClass?: string;
  categoryId?: string;
  unitId?: string;
  unitRole?: 'lead' | 'supporting' | 'any';
  areaId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  confidential?: boolean;
}

/** LIKE pattern with its wildcards escaped. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** "Contains" by the bigram GIN index over the ticket's whole text (lib/bigram-search.ts). */
const containsText = (text: string, column: Prisma.Sql) => bigramContains(text, SEARCH_TEXT, column);

function parseNumber(number: string): string {
  try {
    return normalisePhone(number);
  } catch {
    throw new AppError('validation_failed', 'number is not a phone number', { field: 'number' });
  }
}

/** The caller number of a call the actor may look up (an unknown call is a 404 naming callId). */
async function callerOfCall(prisma: PrismaClient, callId: string): Promise<string> {
  const call = await prisma.call.findFirst({ where: { OR: [{ id: callId }, { linkedid: callId }] }, select: { callerNumber: true } });
  if (!call) throw new AppError('not_found', `No call ${callId}`, { field: 'callId' });
  return call.callerNumber;
}

async function areaPathsOf(prisma: PrismaClient, areaId: string): Promise<string[]> {
  const area = await prisma.area.findUnique({ where: { id: areaId }, select: { path: true } });
  if (!area) throw new AppError('validation_failed', `No area ${areaId}`, { field: 'areaId' });
  const subtree = await prisma.area.findMany({ where: { OR: [{ path: area.path }, { path: { startsWith: `${area.path}/` } }] }, select: { path: true } });
  return subtree.map((row) => row.path);
}

async function categorySubtree(prisma: PrismaClient, categoryId: string): Promise<string[]> {
  const all = await prisma.category.findMany({ select: { id: true, parentId: true } });
  if (!all.some((row) => row.id === categoryId)) throw new AppError('validation_failed', `No category ${categoryId}`, { field: 'categoryId' });
  const ids = [categoryId];
  for (let i = 0; i < ids.length; i++) for (const row of all) if (row.parentId === ids[i]) ids.push(row.id);
  return ids;
}

/**
 * What the search matches, as `where`; and the same split in two for the search's second plan
 * (search-tickets.ts): `base` without the words, `text` the words as plain checks (null when no
 * words were asked). `number` is the normalised number searched (for the audit), if any.
 */
export async function buildTicketSearchWhere(prisma: PrismaClient, actor: Actor, filters: TicketSearchFilters, now: Date) {
  const where: Prisma.Sql[] = [ticketScopeSql(actor)];
  let number: string | null = null;
  if (filters.code) {
    // Codes are upper case; the prefix goes through ticket_code_prefix_idx (upper(code) text_pattern_ops).
    where.push(Prisma.sql`(t."code" = ${filters.code} OR upper(t."code") LIKE ${likePrefix(filters.code.toUpperCase())})`);
  }
  if (filters.number) {
    number = parseNumber(filters.number);
    where.push(Prisma.sql`t."callerNumber" = ${number}`);
  }
  if (filters.callId) {
    const callerNumber = await callerOfCall(prisma, filters.callId);
    number = callerNumber;
    where.push(Prisma.sql`(t."callerNumber" = ${callerNumber} OR t."callId" = ${filters.callId})`);
  }
  // A number search never finds a confidential ticket for whoever may not reveal its number.
  if (number && !canReveal(actor.roles, true)) where.push(Prisma.sql`NOT t."confidential"`);
  const words = [
    ...(filters.keyword ? [containsText(filters.keyword, SEARCH_TEXT)] : []),
    ...(filters.address ? [containsText(filters.address, Prisma.sql`coalesce(t."address", '')`)] : []),
  ];
  if (filters.state) where.push(Prisma.sql`t."state" = ANY(${filters.state}::text[])`);
  if (filters.channel) where.push(Prisma.sql`t."channel" = ${filters.channel}`);
  if (filters.ticketClass) where.push(Prisma.sql`t."ticketClass" = ${filters.ticketClass}`);
  if (filters.categoryId) where.push(Prisma.sql`t."categoryId" = ANY(${await categorySubtree(prisma, filters.categoryId)}::text[])`);
  if (filters.areaId) where.push(Prisma.sql`t."areaPath" = ANY(${await areaPathsOf(prisma, filters.areaId)}::text[])`);
  if (filters.unitId) {
    const lead = Prisma.sql`t."leadUnitId" = ${filters.unitId}`;
    const supporting = Prisma.sql`t."supportingUnitIds" @> ARRAY[${filters.unitId}]::text[]`;
    const role = filters.unitRole ?? 'any';
    where.push(role === 'lead' ? lead : role === 'supporting' ? supporting : Prisma.sql`(${lead} OR ${supporting})`);
  }
  if (filters.from) where.push(Prisma.sql`t."createdAt" >= ${new Date(filters.from)}`);
  if (filters.to) where.push(Prisma.sql`t."createdAt" < ${new Date(filters.to)}`);
  if (filters.overdue === true) where.push(Prisma.sql`(t."state" = ANY(${OPEN_STATES}::text[]) AND t."handleDueAt" < ${now})`);
  if (filters.overdue === false) where.push(Prisma.sql`NOT (t."state" = ANY(${OPEN_STATES}::text[]) AND t."handleDueAt" IS NOT NULL AND t."handleDueAt" < ${now})`);
  if (filters.confidential !== undefined) where.push(Prisma.sql`t."confidential" = ${filters.confidential}`);
  return {
    where: Prisma.join([...where, ...words.map((word) => word.indexed)], ' AND '),
    base: Prisma.join(where, ' AND '),
    text: words.length ? Prisma.join(words.map((word) => word.plain), ' AND ') : null,
    number,
  };
}
