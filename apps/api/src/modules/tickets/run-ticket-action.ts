/**
 * The frame of every lifecycle endpoint: one transaction that locks the ticket, checks scope
 * (404), the state machine (409 with the caller's allowed actions), the role (403) and, for a
 * unit's acts, that the actor's unit leads the ticket (403); then lets the action's handler
 * write. Any error rolls everything back, so a refused act leaves no trace.
 */
import { PREPARED_SQL, Prisma, queryRows, type PrismaClient, type Ticket } from '@yixian/db';
import {
  ROLES, UNCHANGING_TRAIL_ACTIONS, allowedActions, canTakeAction, isInScope, isTicketState, type Role, type TicketAction, type TicketState,
} from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { TICKET_COLUMNS, fromTicketRow } from './ticket-columns.js';

/** Acts a unit takes on a ticket it holds; only the lead unit's people may take them. */
const LEAD_UNIT_ACTIONS: readonly TicketAction[] = ['sign', 'return', 'start', 'reply', 'request-extension'];
const UNIT_ROLES: readonly Role[] = [ROLES.dept_handler, ROLES.dept_admin, ROLES.grid_member];

export interface ActionContext {
  /** The act's transaction; in an optimistic act (`rowVersion` set), the client itself: the act writes once. */
  tx: Prisma.TransactionClient;
  /**
   * Set in an optimistic act: the row version (`xmin`) the ticket was read at, unlocked. The act's one
   * write (transitionTicket in one statement) is taken only if the row is still that version.
   */
  rowVersion?: string;
  actor: Actor;
  /** The actor's role that the machine accepted for this act. */
  role: Role;
  ticket: Ticket;
  /** The state the machine leads to. */
  next: TicketState;
  now: Date;
}

/** Every action the actor may take in `state`, over all of its roles. */
export function allowedActionsFor(actor: Pick<Actor, 'roles'>, state: string): TicketAction[] {
  if (!isTicketState(state)) return [];
  return [...new Set(actor.roles.flatMap((role) => allowedActions(state, role)))];
}

/**
 * False for a unit's act on a ticket the actor's unit does not lead (a supporting unit, 协办,
 * sees the ticket but does not sign, return or reply to it), unless another role allows it.
 */
export function isActionOpenToActor(actor: Pick<Actor, 'roles' | 'unitId'>, ticket: Pick<Ticket, 'state' | 'leadUnitId'>, action: TicketAction): boolean {
  if (!LEAD_UNIT_ACTIONS.includes(action) || !isTicketState(ticket.state)) return true;
  const state = ticket.state;
  return actor.roles.some((role) => canTakeAction(state, action, role).ok && (!UNIT_ROLES.includes(role) || ticket.leadUnitId === actor.unitId));
}

/**
 * Locks and loads a ticket in the actor's scope (404 outside it): one statement, the row read as
 * it is locked, and the scope checked on it by the domain's rule (the one ticketScopeWhere renders).
 */
export async function lockTicketInScope(tx: Prisma.TransactionClient, actor: Actor, id: string, field = 'id'): Promise<Ticket> {
  const [row] = await tx.$queryRaw<Ticket[]>`${PREPARED_SQL}SELECT ${TICKET_COLUMNS} FROM ticket WHERE id = ${id} FOR UPDATE`;
  return inScopeOr404(actor, row, id, field);
}

/** The raw row as a ticket, if it exists and lies in the actor's scope; else 404, so ids cannot be probed. */
function inScopeOr404(actor: Actor, row: Ticket | undefined, id: string, field: string): Ticket {
  const ticket = row ? fromTicketRow(row) : undefined;
  if (!ticket || !isInScope(actor, { ...ticket, unitId: ticket.leadUnitId })) throw new AppError('not_found', `No ticket ${id}`, { field });
  return ticket;
}

/** Reads a ticket in the actor's scope (404 outside it) without locking it, with its row version. */
async function readTicketInScope(prisma: PrismaClient, actor: Actor, id: string): Promise<{ ticket: Ticket; rowVersion: string }> {
  const [row] = await queryRows<Ticket & { rowVersion: string }>(prisma, Prisma.sql`${PREPARED_SQL}SELECT ${TICKET_COLUMNS}, xmin::text AS "rowVersion" FROM ticket WHERE id = ${id}`);
  const { rowVersion = '', ...rest } = row ?? {};
  return { ticket: inScopeOr404(actor, row ? (rest as Ticket) : undefined, id, 'id'), rowVersion };
}

/** An optimistic act's write found the ticket changed since it was read: the act is taken again on the row as it is now. */
export class TicketChangedError extends Error {
  constructor(ticketId: string) {
    super(`ticket ${ticketId} changed while the act was decided`);
    this.name = 'TicketChangedError';
  }
}

/** Optimistic attempts before an act falls back to locking the ticket. */
const OPTIMISTIC_ATTEMPTS = 3;

/** Decides which of the actor's roles takes the act, or throws 409 / 403. */
export function authoriseAction(actor: Actor, ticket: Ticket, action: TicketAction): { role: Role; next: TicketState } {
  const state = ticket.state as TicketState;
  let forbidden = false;
  for (const role of actor.roles) {
    const check = canTakeAction(state, action, role);
    if (check.ok) {
      if (LEAD_UNIT_ACTIONS.includes(action) && UNIT_ROLES.includes(role) && ticket.leadUnitId !== actor.unitId) {
        throw new AppError('forbidden', `Only the lead unit may ${action} ticket ${ticket.code}`, { details: { leadUnitId: ticket.leadUnitId } });
      }
      return { role, next: check.next };
    }
    if (check.reason === 'role_forbidden') forbidden = true;
  }
  if (forbidden) throw new AppError('forbidden', `Your role may not ${action} a ticket in state ${state}`);
  throw new AppError('conflict', `Cannot ${action} a ticket in state ${state}`, {
    details: { state, action, allowed: allowedActionsFor(actor, state) },
  });
}

/** The id of the ticket's latest trail entry that changed it (`changesTicket`: not a reminder, an extension or a 通报). */
export async function findLastChangeId(tx: Prisma.TransactionClient, ticketId: string): Promise<string | null> {
  const last = await tx.ticketEvent.findFirst({
    where: { ticketId, action: { notIn: [...UNCHANGING_TRAIL_ACTIONS] } }, orderBy: { id: 'desc' }, select: { id: true },
  });
  return last ? last.id.toString() : null;
}

/**
 * Refuses an act written against an older view of the ticket (a reply queued on a phone without
 * signal). `expectedChangeId` is the latest trail entry that changed the ticket as the writer saw
 * it; when another came in since (returned, re-dispatched, reopened), 409 with the state and the
 * entry now, so the writer redoes it on what is there. A reminder, a 督办 or an extension in
 * between changes nothing the writer relied on, and the act is taken.
 */
export async function assertTicketUnchanged(
  tx: Prisma.TransactionClient, ticket: Pick<Ticket, 'id' | 'state' | 'code'>, action: TicketAction, expectedChangeId: string | undefined,
): Promise<void> {
  if (expectedChangeId === undefined) return;
  const last = await findLastChangeId(tx, ticket.id);
  if (last === expectedChangeId) return;
  throw new AppError('conflict', `Ticket ${ticket.code} changed after trail entry ${expectedChangeId}`, {
    field: 'expectedChangeId',
    details: { state: ticket.state, action, lastChangeId: last, changed: true },
  });
}

/**
 * Runs one lifecycle act in one transaction; the handler's return value is the route's answer.
 *
 * `optimistic`: for an act whose handler writes exactly once, through transitionTicket's one
 * statement (a dispatch to one unit): the ticket is read without a lock or a transaction, the act
 * decided, and its statement applied only if the row is still the version read — two round trips
 * (BEGIN, COMMIT) fewer. A row changed in between (another act, a deadline job) makes the act be
 * decided again on the row as it is now; after a few such tries it takes the lock as every act does.
 */
export async function runTicketAction<T>(
  prisma: PrismaClient,
  input: { actor: Actor; ticketId: string; action: TicketAction; now: Date; optimistic?: boolean },
  handler: (context: ActionContext) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; input.optimistic && attempt < OPTIMISTIC_ATTEMPTS; attempt += 1) {
    const { ticket, rowVersion } = await readTicketInScope(prisma, input.actor, input.ticketId);
    const { role, next } = authoriseAction(input.actor, ticket, input.action);
    try {
      return await handler({ tx: prisma as unknown as Prisma.TransactionClient, actor: input.actor, role, ticket, next, now: input.now, rowVersion });
    } catch (error) {
      if (!(error instanceof TicketChangedError)) throw error;
    }
  }
  return prisma.$transaction(async (tx) => {
    const ticket = await lockTicketInScope(tx, input.actor, input.ticketId);
    const { role, next } = authoriseAction(input.actor, ticket, input.action);
    return handler({ tx, actor: input.actor, role, ticket, next, now: input.now });
  });
}
