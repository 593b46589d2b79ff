/**
 * Sends one kept act, step by step, saving each step's result so a retry goes on where it stopped:
 * a report is filed with its idempotency key (a lost answer is answered with the same ticket),
 * then its photos (act=report, then act=on_spot); an act on a ticket (a reply, a return, an on-site
 * check) first looks whether the ticket already carries it (sent before, the answer lost), then
 * whether it is still as the worker saw it, uploads its photos, and is sent with `expectedChangeId`,
 * so a ticket changed meanwhile (returned, re-dispatched) refuses it (409) and it is kept. A
 * reminder or an extension in between changes nothing: the act goes.
 */
import { isApiError, UNAUTHENTICATED_CODES, type ApiError } from '#/api/api-error';
import { filePatrolReport } from '#/api/patrol';
import { uploadTicketAttachments, type AttachmentAct } from '#/api/ticket-attachments';
import { getTicket, runTicketAction, type TicketActionBodies, type TicketDetail } from '#/api/tickets';
import { isLostAnswer, LOST_ANSWER_CODES, reportErrorKey } from '../views/report/data';
import { toFile, type OutboxItem, type OutboxProblem, type QueuedPhoto, type QueuedReport, type QueuedTicketAct } from './phone-db';

/** Every code handled here (no toast): the outbox page says what happened to each item. */
const HANDLED = ['validation_failed', 'forbidden', 'conflict', 'not_found', ...LOST_ANSWER_CODES, 'bad_response', 'payload_too_large'];

export type SendOutcome =
  | { kind: 'sent' }
  /** No signal, or no answer: the item waits and the run stops. */
  | { kind: 'offline' }
  /** The session ended: the item waits for the worker to sign in. */
  | { kind: 'signedOut' }
  | { kind: 'failed'; problem: OutboxProblem }
  /** The ticket changed since the reply was written: kept for the worker to redo or drop. */
  | { kind: 'refused'; problem: OutboxProblem };

/** Saves the item after each step (the photo ids, the filed ticket). */
export type SaveItem = (item: OutboxItem) => Promise<void>;

async function uploadPhotos(item: OutboxItem, photos: QueuedPhoto[], ticketId: string, act: AttachmentAct, save: SaveItem): Promise<string[]> {
  for (const photo of photos) {
    if (photo.uploadedId) continue;
    const [stored] = await uploadTicketAttachments(ticketId, act, [toFile(photo)], HANDLED);
    photo.uploadedId = stored?.id ?? null;
    await save(item);
  }
  return photos.flatMap((photo) => (photo.uploadedId ? [photo.uploadedId] : []));
}

async function sendReport(item: QueuedReport, save: SaveItem): Promise<SendOutcome> {
  if (!item.ticketId) {
    const answer = await filePatrolReport(item.body, item.idempotencyKey, { handledCodes: HANDLED });
    item.ticketId = answer.ticket.id;
    item.ticketCode = answer.ticket.code;
    await save(item);
  }
  await uploadPhotos(item, item.photos, item.ticketId, 'report', save);
  if (item.body.handledOnSpot) await uploadPhotos(item, item.afterPhotos, item.ticketId, 'on_spot', save);
  return { kind: 'sent' };
}

/**
 * True when the ticket's trail already has this act by this worker after what they saw (sent
 * before, its answer lost). A version-1 reply knows no change id: its text decides.
 */
export function hasAct(ticket: Pick<TicketDetail, 'trail'>, item: Pick<QueuedTicketAct, 'action' | 'userId' | 'seenChangeId' | 'text'>): boolean {
  return ticket.trail.some((event) => {
    if (event.action !== item.action || event.actorId !== item.userId) return false;
    if (item.seenChangeId !== null) return BigInt(event.id) > BigInt(item.seenChangeId);
    return event.data?.content === item.text.trim();
  });
}

/** Whether the ticket changed since the worker wrote the act: a later changing entry, or (version 1) another state. */
export function hasChanged(ticket: Pick<TicketDetail, 'state' | 'lastChangeId'>, item: Pick<QueuedTicketAct, 'seenState' | 'seenChangeId'>): boolean {
  return item.seenChangeId === null ? ticket.state !== item.seenState : ticket.lastChangeId !== item.seenChangeId;
}

function refusedFor(ticket: Pick<TicketDetail, 'state'>, action: QueuedTicketAct['action']): SendOutcome {
  return { kind: 'refused', problem: { key: `mobile.outbox.problems.changed.${action}`, values: { state: ticket.state } } };
}

async function sendTicketAct(item: QueuedTicketAct, save: SaveItem): Promise<SendOutcome> {
  const ticket = await getTicket(item.ticketId, { handledCodes: HANDLED });
  if (hasAct(ticket, item)) return { kind: 'sent' };
  if (hasChanged(ticket, item)) return refusedFor(ticket, item.action);
  const attachmentIds = await uploadPhotos(item, item.photos, item.ticketId, item.action, save);
  const body = {
    ...item.body, ...(item.seenChangeId ? { expectedChangeId: item.seenChangeId } : {}), ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
  };
  try {
    // The body is the one the sheet built for this action (`buildActionBody` / the check's form), kept as it was.
    await runTicketAction(item.ticketId, item.action, body as TicketActionBodies[typeof item.action], { handledCodes: HANDLED, idempotencyKey: item.idempotencyKey });
  } catch (error) {
    const state = isApiError(error) && error.code === 'conflict' ? stateOf(error) : null;
    if (state) return refusedFor({ state }, item.action);
    throw error;
  }
  return { kind: 'sent' };
}

/** The ticket's state named by a 409 (the API nests it in the body's `details`). */
function stateOf(error: ApiError): string | null {
  const inner = error.details.details;
  const state = inner && typeof inner === 'object' ? (inner as Record<string, unknown>).state : undefined;
  return typeof state === 'string' ? state : null;
}

/** The outcome of an API refusal, in words for the outbox page. */
export function outcomeOfError(error: ApiError, kind: OutboxItem['kind']): SendOutcome {
  if (isLostAnswer(error)) return { kind: 'offline' };
  if (error.status === 401 && UNAUTHENTICATED_CODES.includes(error.code)) return { kind: 'signedOut' };
  if (error.code === 'not_found') return { kind: 'failed', problem: { key: 'mobile.outbox.problems.notFound' } };
  if (error.code === 'forbidden') return { kind: 'failed', problem: { key: 'mobile.outbox.problems.forbidden' } };
  const reportKey = kind === 'report' ? reportErrorKey(error) : null;
  if (reportKey) return { kind: 'failed', problem: { key: reportKey } };
  return { kind: 'failed', problem: { error: { code: error.code, status: error.status, message: error.message, ...(error.field ? { field: error.field } : {}) } } };
}

/** Sends one item; never throws for an API refusal. */
export async function sendOutboxItem(item: OutboxItem, save: SaveItem): Promise<SendOutcome> {
  try {
    return item.kind === 'report' ? await sendReport(item, save) : await sendTicketAct(item, save);
  } catch (error) {
    if (!isApiError(error)) throw error;
    return outcomeOfError(error, item.kind);
  }
}
