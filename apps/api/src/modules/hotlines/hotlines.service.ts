/**
 * Administering the hotlines: create, edit (optimistic version), disable and enable, each audited
 * with before and after in its transaction. The PBX follows through the config bus: the worker
 * hears `hotlines` and sends the new state to the bridge (pbx-config-sync.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Prisma, type Hotline } from '@yixian/db';
import { HOTLINE_HOURS, POLICE_HOTLINE, WHEN_CLOSED } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import type { CreateHotline, UpdateHotline } from './hotlines.schemas.js';

type Tx = Prisma.TransactionClient;

/** 110's queue priority in the dialplan; every other line stays below it (the dialplan caps them at 9 too). */
const POLICE_PRIORITY = 10;

export const ADMIN_HOTLINE_SELECT = {
  id: true, number: true, name: true, nameEn: true, isPolice: true, priority: true,
  hours: true, whenClosed: true, forwardTo: true, active: true, version: true,
} as const;

type HotlineView = Pick<Hotline, keyof typeof ADMIN_HOTLINE_SELECT>;

const view = (tx: Tx, id: string) => tx.hotline.findUnique({ where: { id }, select: ADMIN_HOTLINE_SELECT });

/** The rules a hotline must keep that a schema cannot check (the number's owner, the forward target, 110). */
async function checkPolicy(tx: Tx, next: Omit<HotlineView, 'id' | 'active' | 'version'>, id: string | null): Promise<void> {
  const owner = await tx.hotline.findUnique({ where: { number: next.number }, select: { id: true, name: true } });
  if (owner && owner.id !== id) {
    throw new AppError('conflict', `Number ${next.number} is already the hotline ${owner.name}`, { field: 'number', details: { reason: 'duplicate_number' } });
  }
  if (next.number !== POLICE_HOTLINE && next.priority >= POLICE_PRIORITY) {
    throw new AppError('validation_failed', `Only the police line 110 rings first: priority must be below ${POLICE_PRIORITY}`, { field: 'priority' });
  }
  if (next.number === POLICE_HOTLINE && next.hours !== HOTLINE_HOURS.always) {
    throw new AppError('validation_failed', 'The police line 110 is always open: hours must be 24h', { field: 'hours' });
  }
  if (next.whenClosed === WHEN_CLOSED.forward) {
    if (!next.forwardTo) throw new AppError('validation_failed', 'forwardTo is required when a closed line forwards', { field: 'forwardTo' });
    if (next.forwardTo === next.number) throw new AppError('validation_failed', 'A line cannot forward to itself', { field: 'forwardTo' });
    const target = await tx.hotline.findUnique({ where: { number: next.forwardTo }, select: { active: true } });
    if (!target?.active) throw new AppError('validation_failed', `forwardTo ${next.forwardTo} is not an active hotline`, { field: 'forwardTo' });
  } else if (next.forwardTo) {
    throw new AppError('validation_failed', 'forwardTo is only for whenClosed = forward', { field: 'forwardTo' });
  }
}

/** A unique-number race lost at commit reads as the same conflict as one seen before. */
function duplicateNumber(error: unknown, number: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError('conflict', `Number ${number} is already a hotline`, { field: 'number', details: { reason: 'duplicate_number' } });
  }
  throw error;
}

export async function createHotline(app: FastifyInstance, request: FastifyRequest, body: CreateHotline): Promise<HotlineView> {
  const next = {
    number: body.number, name: body.name.trim(), nameEn: body.nameEn.trim(), isPolice: body.isPolice ?? false, priority: body.priority ?? 0,
    hours: body.hours, whenClosed: body.whenClosed ?? WHEN_CLOSED.callbackOrMessage, forwardTo: body.forwardTo ?? null,
  };
  const created = await app.prisma.$transaction(async (tx) => {
    await checkPolicy(tx, next, null);
    const row = await tx.hotline.create({ data: { id: `hl-${randomUUID()}`, ...next }, select: ADMIN_HOTLINE_SELECT });
    await recordChange(tx, request, app.clock.now(), { act: 'create', resource: 'hotline', resourceId: row.id, version: row.version, before: null, after: row, summary: { number: row.number, name: row.name } });
    return row;
  }).catch((error: unknown) => duplicateNumber(error, next.number));
  await app.configChanged(['hotlines']);
  return created;
}

export async function updateHotline(app: FastifyInstance, request: FastifyRequest, id: string, body: UpdateHotline): Promise<HotlineView> {
  const { version, ...patch } = body;
  const updated = await app.prisma.$transaction(async (tx) => {
    const before = await view(tx, id);
    if (!before) throw new AppError('not_found', 'No such hotline', { field: 'id' });
    if (before.version !== version) throw await staleEdit(tx, { resource: 'hotline', resourceId: id, sentVersion: version, current: before });
    const next = { ...before, ...patch, name: (patch.name ?? before.name).trim(), nameEn: (patch.nameEn ?? before.nameEn).trim() };
    // Leaving `forward` drops its target; choosing it needs one (checked below).
    if (next.whenClosed !== WHEN_CLOSED.forward) next.forwardTo = null;
    await checkPolicy(tx, next, id);
    const data = { number: next.number, name: next.name, nameEn: next.nameEn, isPolice: next.isPolice, priority: next.priority, hours: next.hours, whenClosed: next.whenClosed, forwardTo: next.forwardTo };
    const { count } = await tx.hotline.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'hotline', resourceId: id, sentVersion: version, current: before });
    if (before.number !== next.number) await checkNotForwardedTo(tx, before.number, 'renumber');
    const after = (await view(tx, id))!;
    await recordChange(tx, request, app.clock.now(), { act: 'update', resource: 'hotline', resourceId: id, version: after.version, before, after, summary: { number: after.number, name: after.name } });
    return after;
  }).catch((error: unknown) => duplicateNumber(error, body.number ?? ''));
  await app.configChanged(['hotlines']);
  return updated;
}

/** A line other active lines forward to cannot go away (their callers would lose the forward). */
async function checkNotForwardedTo(tx: Tx, number: string, what: 'disable' | 'renumber'): Promise<void> {
  const forwarding = await tx.hotline.findMany({ where: { forwardTo: number, active: true }, select: { number: true, name: true } });
  if (forwarding.length === 0) return;
  const names = forwarding.map((h) => `${h.number} ${h.name}`).join(', ');
  throw new AppError('conflict', `Closed lines forward to ${number} (${names}); change their policy before you ${what} it`, {
    field: 'forwardTo', details: { reason: 'forward_target', forwardedBy: forwarding.map((h) => h.number) },
  });
}

export async function setHotlineActive(app: FastifyInstance, request: FastifyRequest, id: string, version: number, active: boolean): Promise<HotlineView> {
  const changed = await app.prisma.$transaction(async (tx) => {
    const before = await view(tx, id);
    if (!before) throw new AppError('not_found', 'No such hotline', { field: 'id' });
    if (!active) await checkNotForwardedTo(tx, before.number, 'disable');
    const { count } = await tx.hotline.updateMany({ where: { id, version }, data: { active, version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'hotline', resourceId: id, sentVersion: version, current: before });
    const after = (await view(tx, id))!;
    await recordChange(tx, request, app.clock.now(), { act: active ? 'enable' : 'disable', resource: 'hotline', resourceId: id, version: after.version, before, after, summary: { number: after.number, name: after.name } });
    return after;
  });
  await app.configChanged(['hotlines']);
  return changed;
}
