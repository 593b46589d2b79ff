/**
 * 批量派单: several tickets to one lead unit (and the same supporting units) in one request.
 * Each ticket is its own act — its own transaction, trail entry and notifications through the
 * single dispatch — so one ticket whose state changed meanwhile fails alone, with its code and
 * reason, and the others go through. The units are checked once, before any ticket is touched.
 */
import type { PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { requireUnit } from '../routing/route-ticket.js';
import { dispatchTicket } from './dispatch-ticket.js';
import { runTicketAction } from './run-ticket-action.js';
import { ticketScopeWhere } from './ticket-scope.js';

/** The most tickets one batch may name. */
export const MAX_BATCH_DISPATCH = 100;

export interface BatchDispatchInput {
  ticketIds: string[];
  unitId: string;
  supportingUnitIds?: string[];
  note?: string;
}

export type BatchDispatchResult =
  | { ticketId: string; code: string; ok: true; state: string; leadUnitId: string | null }
  | { ticketId: string; code: string | null; ok: false; state: string | null; error: { code: string; message: string; field?: string } };

/** Dispatches every ticket in turn; answers one result per ticket, in the order given. */
export async function batchDispatchTickets(
  prisma: PrismaClient,
  input: { actor: Actor; now: Date; body: BatchDispatchInput; onUnexpected: (error: unknown) => void },
): Promise<BatchDispatchResult[]> {
  const { actor, now, body } = input;
  if (new Set(body.ticketIds).size !== body.ticketIds.length) {
    throw new AppError('validation_failed', 'A ticket is named twice', { field: 'ticketIds' });
  }
  await requireUnit(prisma, body.unitId);
  for (const id of body.supportingUnitIds ?? []) await requireUnit(prisma, id, 'supportingUnitIds');
  const results: BatchDispatchResult[] = [];
  for (const ticketId of body.ticketIds) {
    try {
      const ticket = await runTicketAction(prisma, { actor, ticketId, action: 'dispatch', now }, (context) =>
        dispatchTicket(context, {
          unitId: body.unitId,
          ...(body.supportingUnitIds ? { supportingUnitIds: body.supportingUnitIds } : {}),
          ...(body.note ? { note: body.note } : {}),
        }));
      results.push({ ticketId, code: ticket.code, ok: true, state: ticket.state, leadUnitId: ticket.leadUnitId });
    } catch (error) {
      const known = error instanceof AppError;
      if (!known) input.onUnexpected(error);
      const current = await prisma.ticket.findFirst({ where: { AND: [{ id: ticketId }, ticketScopeWhere(actor)] }, select: { code: true, state: true } });
      results.push({
        ticketId, code: current?.code ?? null, ok: false, state: current?.state ?? null,
        error: known
          ? { code: error.code, message: error.message, ...(error.extra.field ? { field: error.extra.field } : {}) }
          : { code: 'internal_error', message: 'Internal error' },
      });
    }
  }
  return results;
}
