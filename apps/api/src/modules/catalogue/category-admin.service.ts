/**
 * The category tree's administration: list (inactive included), create, edit with a version, and
 * disable/enable. An edit that changes the limits re-plans the open tickets the rule lets move
 * (deadlines/replan-deadlines.ts), in the same transaction as the edit and its audit row; with
 * `dryRun` it answers what it would re-plan and writes nothing.
 */
import type { Category, Prisma } from '@yixian/db';
import {
  CATEGORY_LIMIT_SELECT, readCategoryLimits, resolveCategoryLimits, toCategoryLimitColumns, type ResolvedCategoryLimits,
} from '@yixian/domain';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { applyReplans, describeReplans, findReplans, type ReplanPreview } from '../deadlines/replan-deadlines.js';
import { loadWorkCalendar } from '../deadlines/work-calendar.service.js';
import type { CreateCategoryBody, UpdateCategoryBody } from './category-admin.schemas.js';
import { checkDefaultUnit, checkLimit, checkParent, checkRequiredFields } from './check-category.js';

type Db = Prisma.TransactionClient;

/** Open tickets: every state but the terminal ones. */
const OPEN_STATES_FILTER = { state: { notIn: ['closed', 'closed_at_intake', 'merged'] } };

/** The record as the console and the audit rows see it. */
export async function viewCategory(db: Db, id: string) {
  const row = await db.category.findUnique({
    where: { id }, include: { defaultUnit: { select: { name: true } }, _count: { select: { children: true, tickets: { where: OPEN_STATES_FILTER } } } },
  });
  return row ? toView(row) : null;
}

type Row = Category & { defaultUnit: { name: string } | null; _count: { children: number; tickets: number } };

function toView(row: Row) {
  const limits = readCategoryLimits(row);
  return {
    id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, parentId: row.parentId, isLeaf: row._count.children === 0,
    isPolice: row.isPolice, defaultKind: row.defaultKind, level: row.level, defaultUnitId: row.defaultUnitId,
    defaultUnitName: row.defaultUnit?.name ?? null, signLimit: limits.sign, handleLimit: limits.handle, extensionLimitDays: limits.extensionDays,
    requiredFields: Array.isArray(row.requiredFields) ? (row.requiredFields as Record<string, unknown>[]) : [],
    keywords: row.keywords, verifyOnSite: row.verifyOnSite, active: row.active, version: row.version, openTickets: row._count.tickets,
  };
}
export type CategoryView = ReturnType<typeof toView>;

/** The audit's view: the record without the counts that change with tickets, not with the edit. */
function auditView(view: CategoryView | null) {
  if (!view) return null;
  const { openTickets: _open, isLeaf: _leaf, defaultUnitName: _unit, ...rest } = view;
  return rest;
}

export async function listCategories(db: Db): Promise<CategoryView[]> {
  const rows = await db.category.findMany({
    orderBy: { code: 'asc' },
    include: { defaultUnit: { select: { name: true } }, _count: { select: { children: true, tickets: { where: OPEN_STATES_FILTER } } } },
  });
  return rows.map(toView);
}

function writable(body: Partial<CreateCategoryBody>): Prisma.CategoryUncheckedUpdateInput {
  // The limits are written as columns (toCategoryLimitColumns); the code never changes.
  const { signLimit: _sign, handleLimit: _handle, extensionLimitDays: _extension, requiredFields, code: _code, ...plain } = body;
  const data: Prisma.CategoryUncheckedUpdateInput = { ...plain };
  if (requiredFields !== undefined) data.requiredFields = requiredFields as Prisma.InputJsonArray;
  return data;
}

async function check(tx: Db, id: string | null, body: Partial<CreateCategoryBody>): Promise<void> {
  checkLimit(body.signLimit, 'signLimit');
  checkLimit(body.handleLimit, 'handleLimit');
  checkRequiredFields(body.requiredFields);
  await checkParent(tx, id, body.parentId);
  await checkDefaultUnit(tx, body.defaultUnitId);
}

export async function createCategory(tx: Db, request: FastifyRequest, now: Date, body: CreateCategoryBody): Promise<CategoryView> {
  await check(tx, null, body);
  if (await tx.category.findFirst({ where: { OR: [{ id: body.code }, { code: body.code }] }, select: { id: true } })) {
    throw new AppError('conflict', `A category with code ${body.code} exists`, { field: 'code' });
  }
  const limits = toCategoryLimitColumns({ sign: body.signLimit, handle: body.handleLimit, extensionDays: body.extensionLimitDays });
  await tx.category.create({
    data: { ...(writable(body) as Prisma.CategoryUncheckedCreateInput), id: body.code, code: body.code, ...limits },
  });
  const after = (await viewCategory(tx, body.code))!;
  await recordChange(tx, request, now, { act: 'create', resource: 'category', resourceId: after.id, version: after.version, before: null, after: auditView(after) });
  return after;
}

export interface UpdateResult {
  category: CategoryView | null;
  replanned: ReplanPreview;
  dryRun: boolean;
}

const limitsChanged = (body: UpdateCategoryBody) => body.signLimit !== undefined || body.handleLimit !== undefined || body.extensionLimitDays !== undefined;

/** Edits a category; re-plans its open tickets when a limit changed. `dryRun`: the preview, nothing written. */
export async function updateCategory(tx: Db, request: FastifyRequest, now: Date, id: string, body: UpdateCategoryBody): Promise<UpdateResult> {
  const before = await viewCategory(tx, id);
  if (!before) throw new AppError('not_found', `No category ${id}`, { field: 'id' });
  if (before.version !== body.version) throw await staleEdit(tx, { resource: 'category', resourceId: id, sentVersion: body.version, current: before });
  const { version, dryRun = false, ...patch } = body;
  await check(tx, id, patch);
  const old = readCategoryLimits(await tx.category.findUniqueOrThrow({ where: { id }, select: CATEGORY_LIMIT_SELECT }));
  const columns = toCategoryLimitColumns({
    sign: patch.signLimit !== undefined ? patch.signLimit : old.sign,
    handle: patch.handleLimit !== undefined ? patch.handleLimit : old.handle,
    extensionDays: patch.extensionLimitDays !== undefined ? patch.extensionLimitDays : old.extensionDays,
  });
  const newLimits = resolveCategoryLimits(columns);
  const calendar = await loadWorkCalendar(tx);
  const changes = limitsChanged(body)
    ? await findReplans(tx, { where: { categoryId: id }, calendar, limitsFor: (): ResolvedCategoryLimits => newLimits, now })
    : [];
  const replanned = await describeReplans(tx, changes);
  if (dryRun) return { category: null, replanned, dryRun };
  const { count } = await tx.category.updateMany({ where: { id, version }, data: { ...writable(patch), ...columns, version: { increment: 1 } } });
  if (count === 0) throw await staleEdit(tx, { resource: 'category', resourceId: id, sentVersion: version, current: await viewCategory(tx, id) });
  await applyReplans(tx, changes, { cause: { kind: 'category_limit', categoryId: id }, actorId: request.actor?.id ?? null, calendar, now });
  const after = (await viewCategory(tx, id))!;
  await recordChange(tx, request, now, {
    act: 'update', resource: 'category', resourceId: id, version: after.version, before: auditView(before), after: auditView(after),
    ...(changes.length > 0 ? { summary: { ticketsReplanned: changes.length, codes: changes.slice(0, 50).map((c) => c.ticket.code) } } : {}),
  });
  return { category: after, replanned, dryRun };
}

/** Disables or enables: open tickets keep their category; a disabled one is no longer offered at intake. */
export async function setCategoryActive(tx: Db, request: FastifyRequest, now: Date, id: string, version: number, active: boolean): Promise<CategoryView> {
  const before = await viewCategory(tx, id);
  if (!before) throw new AppError('not_found', `No category ${id}`, { field: 'id' });
  const { count } = await tx.category.updateMany({ where: { id, version }, data: { active, version: { increment: 1 } } });
  if (count === 0) throw await staleEdit(tx, { resource: 'category', resourceId: id, sentVersion: version, current: before });
  const after = (await viewCategory(tx, id))!;
  await recordChange(tx, request, now, {
    act: active ? 'enable' : 'disable', resource: 'category', resourceId: id, version: after.version, before: auditView(before), after: auditView(after),
    ...(active ? {} : { summary: { openTicketsKeepIt: after.openTickets } }),
  });
  return after;
}
