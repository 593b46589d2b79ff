/**
 * 巡查上报: a grid worker's report becomes a ticket of channel grid_patrol, in one transaction with
 * its idempotency key. The server places it: the GPS point in the grid polygons (a client's guess
 * of the grid is only recorded); outside the district is a 400 on `position`. Then either the
 * system routes it grid-first like any intake, or — handled on the spot — the worker's own acts
 * close it (handle-on-spot.ts). The reporter must be able to read what it files: a ticket that
 * would land outside the account's scope (a grid it does not cover) is refused, 403 on `position`.
 */
import type { Prisma, PrismaClient, Ticket } from '@yixian/db';
import { CHANNELS, isInScope, nextState, type Channel, type TicketState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { locatePoint } from '../routing/locate-area.js';
import { createTicket, routeAtIntake } from '../tickets/create-ticket.js';
import { findOnSpotRole, handleOnSpot } from './handle-on-spot.js';
import { claimKey, findKeyedResource, hashRequest, isUniqueViolation, type IdempotencyClaim } from './idempotency-key.js';
import type { PatrolReportBody } from './patrol.schemas.js';

export const PATROL_KEY_SCOPE = 'patrol-report';
/** The longest title taken from the description's first line. */
const TITLE_LENGTH = 40;

export interface FiledReport {
  ticketId: string;
  /** True when the key had already filed it: nothing new was written. */
  replayed: boolean;
}

/** The title of a report: its description's first line, cut short. */
export function titleOf(description: string): string {
  const line = description.trim().split(/\r?\n/)[0]!.trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

function checkBody(body: PatrolReportBody): void {
  if (body.handledOnSpot && !body.result) throw new AppError('validation_failed', 'A matter handled on the spot needs its result', { field: 'result' });
  if (!body.handledOnSpot && body.result !== undefined) throw new AppError('validation_failed', 'A result goes with handledOnSpot: true', { field: 'result' });
}

/** Refuses a ticket the reporter could not read afterwards (and so could not add its photos to). */
function checkReadable(actor: Actor, ticket: Ticket): void {
  const record = { ...ticket, unitId: ticket.leadUnitId };
  if (isInScope(actor, record)) return;
  const categories = actor.scope.categoryIds;
  if (categories.length > 0 && !categories.includes(ticket.categoryId)) {
    throw new AppError('forbidden', `Category ${ticket.categoryId} is outside the categories your account covers`, { field: 'categoryId' });
  }
  throw new AppError('forbidden', `The point lies in area ${ticket.areaId}, outside the areas your account covers`, { field: 'position', details: { areaId: ticket.areaId } });
}

/** Files the report, or answers the ticket its key already filed. */
export async function filePatrolReport(
  prisma: PrismaClient, actor: Actor,
  input: { key: string; body: PatrolReportBody; now: Date; reviewChannels: readonly Channel[] | null },
): Promise<FiledReport> {
  const { body, now } = input;
  const claim: IdempotencyClaim = { userId: actor.id, scope: PATROL_KEY_SCOPE, key: input.key, requestHash: hashRequest(body) };
  const known = await findKeyedResource(prisma, claim);
  if (known) return { ticketId: known, replayed: true };
  checkBody(body);
  if (body.handledOnSpot) findOnSpotRole(actor);
  const { lat, lng, accuracy } = body.position;
  const area = await locatePoint(prisma, lat, lng, 'position');
  const settle = async (tx: Prisma.TransactionClient, filed: Ticket) => {
    const ticket = body.handledOnSpot
      ? await handleOnSpot(tx, actor, filed, { result: body.result!, now, reviewChannels: input.reviewChannels })
      : await routeReport(tx, filed, now);
    checkReadable(actor, ticket);
    await claimKey(tx, claim, ticket.id, now);
    return ticket;
  };
  try {
    const { ticket } = await createTicket(prisma, actor, {
      channel: CHANNELS.grid_patrol, categoryId: body.categoryId, title: titleOf(body.description), description: body.description.trim(),
      areaId: area.id, lat, lng, ...(body.address ? { address: body.address } : {}), ...(body.fields ? { fields: body.fields } : {}),
    }, now, {
      createData: {
        position: { lat, lng, accuracy }, located: 'point',
        ...(body.guessedAreaId ? { guessedAreaId: body.guessedAreaId } : {}), ...(body.handledOnSpot ? { onSpot: true } : {}),
      },
      settle,
    });
    return { ticketId: ticket.id, replayed: false };
  } catch (error) {
    // The same key at the same instant: the other request committed first; answer what it filed.
    if (isUniqueViolation(error)) {
      const raced = await findKeyedResource(prisma, claim);
      if (raced) return { ticketId: raced, replayed: true };
    }
    throw error;
  }
}

/** The system routes a report as any intake is routed (grid first; a police matter to the police desk). */
async function routeReport(tx: Prisma.TransactionClient, filed: Ticket, now: Date): Promise<Ticket> {
  if (nextState(filed.state as TicketState, 'dispatch') !== 'dispatched') {
    throw new AppError('conflict', `Cannot route ticket ${filed.code} in state ${filed.state}`);
  }
  return routeAtIntake(tx, filed, { actorId: null, actorRole: 'system' }, now);
}
