/**
 * 派单: the ticket goes to a lead unit (主办) with optional supporting units (协办). Police-type
 * tickets always go to the police desk (the 110 short loop: received → handed_to_police). On a
 * returned ticket the dispatcher's dispatch is the ruling on the return: `accept` (default)
 * re-routes — to the named unit or one level up from the unit that returned it — and `reject`
 * sends it back to that unit; the trail records `wrongful` (a wrongful return counts against it).
 */
import type { Prisma, Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { notifyUnit } from '../notifications/notify.js';
import {
  POLICE_DESK_UNIT_ID, findEscalationTarget, requireUnit, routeTicket, type RouteDecision,
} from '../routing/route-ticket.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket, type TransitionResult } from './transition-ticket.js';

export interface DispatchBody {
  unitId?: string;
  supportingUnitIds?: string[];
  ruling?: 'accept' | 'reject';
  note?: string;
}

/** Writes a dispatch to `decision`; shared by the endpoint, intake's `dispatch: true` and escalation. */
export async function applyDispatch(
  tx: Prisma.TransactionClient,
  ticket: Ticket,
  input: {
    decision: RouteDecision; supportingUnitIds?: string[]; action: string; actorId: string | null; actorRole: string;
    now: Date; reason?: string | null; data?: Record<string, unknown>;
    /** An optimistic act's row version: the dispatch is then its one statement (no supporting units). */
    rowVersion?: string;
  },
): Promise<TransitionResult> {
  if (input.rowVersion !== undefined && input.supportingUnitIds?.length) throw new Error('applyDispatch: a dispatch with supporting units writes more than once and cannot be taken optimistically');
  const police = ticket.ticketClass === 'police';
  const supporting = input.supportingUnitIds ? await findUnitNames(tx, input.supportingUnitIds) : null;
  const result = await transitionTicket(tx, ticket, {
    action: input.action,
    to: 'dispatched',
    actorId: input.actorId,
    actorRole: input.actorRole,
    now: input.now,
    update: {
      leadUnitId: input.decision.unitId,
      level: input.decision.level,
      supportingUnitIds: input.supportingUnitIds ?? ticket.supportingUnitIds,
      dispatchedAt: input.now,
      signedAt: null,
      ...(police ? { policeState: 'handed_to_police' } : {}),
    },
    unitId: input.decision.unitId,
    reason: input.reason ?? null,
    data: {
      fromUnitId: ticket.leadUnitId, toUnitId: input.decision.unitId, level: input.decision.level,
      ...(supporting ? { supportingUnits: supporting } : {}), ...input.data,
    },
    trigger: 'dispatched',
    notify: { unitId: input.decision.unitId, kind: 'dispatch', title: `工单 ${ticket.code} 已派至本单位` },
    ...(input.rowVersion !== undefined ? { rowVersion: input.rowVersion } : {}),
  });
  for (const unit of supporting ?? []) {
    await notifyUnit(tx, {
      unitId: unit.id, ticketId: ticket.id, kind: 'dispatch',
      dedupeKey: `${input.action}-support-${ticket.id}-${result.eventId}-${unit.id}`,
      title: `工单 ${ticket.code} 已派至本单位协办`,
    });
  }
  return result;
}

/**
 * The supporting units with their names as they were at dispatch, for the trail ("协办：…"):
 * the trail is history, so it keeps the names it was written with.
 */
async function findUnitNames(tx: Prisma.TransactionClient, ids: string[]): Promise<{ id: string; name: string; nameEn: string }[]> {
  const rows = await tx.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameEn: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

async function checkSupporting(tx: Prisma.TransactionClient, ids: string[] | undefined, leadUnitId: string): Promise<string[] | undefined> {
  if (!ids) return undefined;
  const unique = [...new Set(ids)].filter((id) => id !== leadUnitId);
  for (const id of unique) await requireUnit(tx, id, 'supportingUnitIds');
  return unique;
}

/** The unit that returned the ticket, from the last `return` entry of the trail. */
async function findReturningUnit(tx: Prisma.TransactionClient, ticketId: string): Promise<string | null> {
  const last = await tx.ticketEvent.findFirst({ where: { ticketId, action: 'return' }, orderBy: { id: 'desc' } });
  return last?.unitId ?? null;
}

/** The dispatch endpoint's handler. */
export async function dispatchTicket(context: ActionContext, body: DispatchBody): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  const isRuling = ticket.state === 'returned';
  if (body.ruling && !isRuling) throw new AppError('validation_failed', 'A ruling applies only to a returned ticket', { field: 'ruling' });
  const data: Record<string, unknown> = {};
  let decision: RouteDecision;
  if (isRuling && body.ruling === 'reject') {
    const unitId = await findReturningUnit(tx, ticket.id);
    if (!unitId) throw new AppError('conflict', `Ticket ${ticket.code} has no return to rule on`);
    if (body.unitId) throw new AppError('validation_failed', 'A rejected return goes back to the same unit; do not name one', { field: 'unitId' });
    decision = await requireUnit(tx, unitId);
    Object.assign(data, { ruling: 'reject', wrongful: true });
  } else if (body.unitId) {
    decision = await requireUnit(tx, body.unitId);
    if (isRuling) Object.assign(data, { ruling: 'accept', wrongful: false });
  } else if (ticket.ticketClass === 'police') {
    decision = { unitId: POLICE_DESK_UNIT_ID, level: 'district' };
  } else if (isRuling) {
    const returningUnit = await findReturningUnit(tx, ticket.id);
    const target = await findEscalationTarget(tx, { ...ticket, leadUnitId: returningUnit ?? ticket.leadUnitId });
    if (!target) throw new AppError('conflict', `Ticket ${ticket.code} is already at the district level: name a unit`, { field: 'unitId' });
    decision = target;
    Object.assign(data, { ruling: 'accept', wrongful: false, escalated: true });
  } else {
    decision = await routeTicket(tx, ticket);
    data.routed = true;
  }
  const supportingUnitIds = await checkSupporting(tx, body.supportingUnitIds, decision.unitId);
  const result = await applyDispatch(tx, ticket, {
    decision, action: 'dispatch', actorId: actor.id, actorRole: role, now, reason: body.note ?? null, data,
    ...(supportingUnitIds ? { supportingUnitIds } : {}),
    ...(context.rowVersion !== undefined ? { rowVersion: context.rowVersion } : {}),
  });
  return result.ticket;
}
