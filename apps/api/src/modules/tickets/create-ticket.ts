/**
 * 受理: intake from any channel, in one transaction — the ticket with its code, classification,
 * place and (for police) the police desk; the `create` trail entry; then, if asked, the direct
 * answer (closed_at_intake) or the dispatch through the grid. Duplicates are suggested after.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient, Prisma, Ticket, TicketEvent } from '@yixian/db';
import { CHANNELS, type Channel, type TicketClass, type TicketKind } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { claimKey, type IdempotencyClaim } from '../patrol/idempotency-key.js';
import { classifyTicket, type Classification } from '../classification/classify-ticket.js';
import { CITIZEN_AUTHOR_ROLE, MAILBOX_INTAKE_ACTOR_ID } from '../mailbox/mailbox-enums.js';
import { POLICE_DESK_UNIT_ID, routeTicket } from '../routing/route-ticket.js';
import { applyDispatch } from './dispatch-ticket.js';
import { findAnsweringArticle } from '../knowledge/find-answering-article.js';
import { resolveArea, resolveCategory, resolveOrigin } from './intake-input.js';
import { duplicatesSql, presentDuplicates, type CandidateRow, type Duplicate, type DuplicateQuery } from './find-duplicates.js';
import { insertIntakeTicket } from './insert-intake-ticket.js';
import { authoriseAction } from './run-ticket-action.js';
import type { CreateTicketBody } from './tickets-intake.schemas.js';
import { transitionTicket } from './transition-ticket.js';

export interface CreatedTicket {
  ticket: Ticket;
  classification: Classification;
  /**
   * The whole trail, when the intake wrote nothing after its `create` entry (which carries no
   * files): the answer shows it without reading the trail and its attachments again.
   */
  trail?: TicketEvent[];
  /** The duplicate suggestions, when the intake was asked for them. */
  duplicates?: Duplicate[];
}

/** An intake body on any channel: `POST /api/tickets` takes all but grid_patrol, which the patrol module files. */
export type IntakeBody = Omit<CreateTicketBody, 'channel'> & { channel: Channel };

/** Channels a grid member (alone) files on: the old mobile intake and the patrol report. */
const GRID_MEMBER_CHANNELS: readonly Channel[] = [CHANNELS.mobile, CHANNELS.grid_patrol];

/**
 * What another module adds to an intake, inside its transaction: more for the `create` entry's
 * data, and its own acts after the `create` entry instead of the body's closeAtIntake/dispatch
 * (a patrol report's routing or on-spot handling, and its idempotency key). An error in `settle`
 * rolls the whole intake back.
 */
export interface IntakeExtension {
  createData?: Record<string, unknown>;
  settle?: (tx: Prisma.TransactionClient, ticket: Ticket) => Promise<Ticket>;
  /**
   * Read the duplicate suggestions in the intake's own statement, for the actor's scope (the desk's
   * answer shows them); a located intake leaves them to its caller (`duplicates` is then absent).
   */
  suggestDuplicates?: boolean;
  /**
   * The client's `Idempotency-Key` (`POST /api/tickets`), written first in the intake's transaction
   * with the new ticket's id: a concurrent request with the same key waits on the key's unique
   * index — before it takes the day's number — and fails when this one commits (see
   * patrol/idempotency-key.ts). An intake without a key sends no statement for it.
   */
  claim?: IdempotencyClaim;
}

async function settleAtIntake(tx: Prisma.TransactionClient, actor: Actor, ticket: Ticket, body: IntakeBody, now: Date): Promise<Ticket> {
  if (body.closeAtIntake) {
    const { role, next } = authoriseAction(actor, ticket, 'close-at-intake');
    const article = body.closeAtIntake.article ? await findAnsweringArticle(tx, body.closeAtIntake.article.id, now) : null;
    return (await transitionTicket(tx, ticket, {
      action: 'close-at-intake', to: next, actorId: actor.id, actorRole: role, now,
      update: {
        closedAt: now, ...(ticket.ticketClass === 'police' ? { policeState: 'closed' } : {}),
        ...(article ? { articleId: article.id, articleVersion: article.version } : {}),
      },
      data: {
        answer: body.closeAtIntake.answer,
        ...(article ? { articleId: article.id, articleVersion: article.version, articleTitle: article.title } : {}),
      },
      trigger: 'closed',
    })).ticket;
  }
  const { role } = authoriseAction(actor, ticket, 'dispatch');
  // A letter is routed by the system, not by a person: the trail says 系统, not the intake account's role.
  const byMailbox = actor.id === MAILBOX_INTAKE_ACTOR_ID;
  return routeAtIntake(tx, ticket, byMailbox ? { actorId: null, actorRole: 'system' } : { actorId: actor.id, actorRole: role }, now);
}

/**
 * Dispatch at intake, routed grid-first (routing/route-ticket.ts): a police matter to the police
 * desk, the rest to the lowest level that settles it. The caller has checked who may dispatch;
 * `author` is who the trail names (the system for a letter or a patrol report).
 */
export async function routeAtIntake(
  tx: Prisma.TransactionClient, ticket: Ticket, author: { actorId: string | null; actorRole: string }, now: Date,
): Promise<Ticket> {
  const decision = ticket.ticketClass === 'police'
    ? { unitId: POLICE_DESK_UNIT_ID, level: 'district' as const }
    : await routeTicket(tx, ticket);
  return (await applyDispatch(tx, ticket, { decision, action: 'dispatch', ...author, now, data: { routed: true } })).ticket;
}

/**
 * The trail's author of the `create` entry: a letter to the mailbox is written by the citizen
 * (`citizen`, shown as 市民来信 · 来信人), not by the intake account that files it; else the
 * actor's first role.
 */
function authorRoleOf(actor: Actor, body: IntakeBody): string {
  if (body.channel === CHANNELS.mailbox && actor.id === MAILBOX_INTAKE_ACTOR_ID) return CITIZEN_AUTHOR_ROLE;
  return actor.roles[0] ?? 'unknown';
}

/** Creates the ticket; see the module comment. */
export async function createTicket(prisma: PrismaClient, actor: Actor, body: IntakeBody, now: Date, extension: IntakeExtension = {}): Promise<CreatedTicket> {
  if (body.closeAtIntake && body.dispatch) throw new AppError('validation_failed', 'Either answer at intake or dispatch, not both', { field: 'dispatch' });
  if (body.classReason !== undefined && !body.ticketClass) throw new AppError('validation_failed', 'classReason goes with ticketClass', { field: 'ticketClass' });
  const onlyGrid = actor.roles.every((role) => role === 'grid_member');
  if (onlyGrid && !GRID_MEMBER_CHANNELS.includes(body.channel)) throw new AppError('forbidden', 'Grid members report through the mobile channel', { field: 'channel' });
  // The checks read only: done before the transaction, so that it holds the day's counter briefly.
  const origin = await resolveOrigin(prisma, actor, body);
  const category = await resolveCategory(prisma, body);
  const area = await resolveArea(prisma, body);
  const classification = await classifyTicket(prisma, {
    hotlineIsPolice: origin.hotlineIsPolice, categoryIsPolice: category.isPolice, categoryId: category.id,
    text: `${body.title} ${body.description}`,
    ...(body.ticketClass ? { override: { ticketClass: body.ticketClass as TicketClass, reason: body.classReason } } : {}),
  });
  const police = classification.ticketClass === 'police';
  // The day's number, the ticket and its `create` entry in one statement (insert-intake-ticket.ts):
  // an intake refused or failing after it rolls its number back, so the day's codes have no gaps;
  // the counter row stays locked until commit, and the reads above are done first.
  const id = randomUUID();
  const duplicateQuery: DuplicateQuery = {
    callerNumber: origin.callerNumber, categoryId: category.id, areaId: area?.id ?? null, lat: body.lat ?? null, lng: body.lng ?? null, excludeId: id, now,
  };
  // Read while the day's counter is held, so only the searches an index answers in ~50 rows: a
  // located intake's nearby search may walk a category's week, and is read after the commit instead.
  const located = body.lat != null && body.lng != null;
  const duplicatesRead = extension.suggestDuplicates && !located ? duplicatesSql(actor, duplicateQuery) : null;
  const duplicatesOf = (candidates: CandidateRow[]) =>
    extension.suggestDuplicates && !located ? { duplicates: presentDuplicates(candidates, duplicateQuery) } : {};
  const writeIntake = (db: Pick<Prisma.TransactionClient, '$queryRaw'>) =>
    insertIntakeTicket(db, {
      id, channel: body.channel, ticketClass: classification.ticketClass,
      state: 'accepted', policeState: police ? 'received' : null, kind: (body.kind ?? category.defaultKind) as TicketKind,
      categoryId: category.id, urgency: body.urgency ?? 'normal', confidential: body.confidential ?? false,
      title: body.title, description: body.description, callerNumber: origin.callerNumber, callerName: origin.callerName,
      address: body.address ?? null, areaId: area?.id ?? null, areaPath: area?.path ?? null, lat: body.lat ?? null, lng: body.lng ?? null,
      fields: body.fields ?? {}, callId: origin.callId, hotlineNumber: origin.hotlineNumber,
      leadUnitId: police ? POLICE_DESK_UNIT_ID : null, createdById: actor.id, createdAt: now,
    }, {
      actorId: actor.id, actorRole: authorRoleOf(actor, body), reason: classification.reason,
      data: {
        channel: body.channel, callId: origin.callId, hotlineNumber: origin.hotlineNumber, areaId: area?.id ?? null, classification: { ...classification },
        ...extension.createData,
      },
    }, duplicatesRead);
  const settles = Boolean(extension.settle || body.closeAtIntake || body.dispatch);
  // Nothing after the entry and no key: the statement alone is the intake's transaction.
  if (!settles && !extension.claim) {
    const { ticket, entry, candidates } = await writeIntake(prisma);
    return { ticket, classification, trail: [entry], ...duplicatesOf(candidates) };
  }
  return prisma.$transaction(async (tx) => {
    if (extension.claim) await claimKey(tx, extension.claim, id, now);
    const { ticket, entry, candidates } = await writeIntake(tx);
    if (!settles) return { ticket, classification, trail: [entry], ...duplicatesOf(candidates) };
    const settled = extension.settle ? await extension.settle(tx, ticket) : await settleAtIntake(tx, actor, ticket, body, now);
    return { ticket: settled, classification, ...duplicatesOf(candidates) };
  });
}
