/**
 * 催办 remind and 督办 supervise by people (the worker's automatic ones go through D's jobs):
 * side acts that leave the state, add to the trail and tell the lead unit.
 */
import type { Ticket } from '@yixian/db';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

export async function remindOrSupervise(context: ActionContext, action: 'remind' | 'supervise', body: { note?: string }): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  const kind = action === 'remind' ? 'reminder' as const : 'supervision' as const;
  const result = await transitionTicket(tx, ticket, {
    action, to: ticket.state, actorId: actor.id, actorRole: role, now, reason: body.note ?? null,
    ...(ticket.leadUnitId ? { notify: { unitId: ticket.leadUnitId, kind, title: `工单 ${ticket.code} ${action === 'remind' ? '催办' : '督办'}` } } : {}),
  });
  return result.ticket;
}
