import type { Channel, FollowUpVerdict, ReturnReason, TicketClass, TicketKind, Urgency, VerificationVerdict } from '@yixian/domain';
import { requestClient, type RequestOptions } from './client';
import type { TicketAttachment } from './ticket-attachments';

/** A ticket as the list and detail endpoints send it (caller number already masked by the server). */
export interface TicketView {
  id: string;
  code: string;
  channel: string;
  ticketClass: string;
  state: string;
  policeState: string | null;
  kind: string;
  categoryId: string;
  urgency: string;
  confidential: boolean;
  title: string;
  description: string;
  callerNumber: string | null;
  address: string | null;
  areaId: string | null;
  leadUnitId: string | null;
  supportingUnitIds: string[];
  hotlineNumber: string | null;
  callId: string | null;
  level: string | null;
  signDueAt: string | null;
  handleDueAt: string | null;
  followUpDueAt: string | null;
  extensionCount: number;
  verdict: string | null;
  linkedTicketId: string | null;
  mergedIntoId: string | null;
  dispatchedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The category's names, resolved by the server: in the list and the detail (absent from a
   * phone's inbox copy saved before the list carried them; null when unknown).
   */
  categoryName?: string | null;
  categoryNameEn?: string | null;
}

/** One entry of the append-only trail: who (user id + role), when, from → to, why, and action data. */
export interface TicketEvent {
  id: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorRole: string | null;
  unitId: string | null;
  /** Display names the server resolves (null when it does not know the id). */
  actorName?: string | null;
  unitName?: string | null;
  unitNameEn?: string | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
  /** The photos and documents the act carries (a reply, a return, a report). */
  attachments?: TicketAttachment[];
}

/** The detail view: the ticket, its trail oldest first, and what the signed-in user may do now. */
export interface TicketDetail extends TicketView {
  /** The latest trail entry that changed the ticket (not a reminder or an extension): an act kept offline sends it back. */
  lastChangeId: string | null;
  /** The lead unit's names, resolved by the server (null when unknown). */
  leadUnitName?: string | null;
  leadUnitNameEn?: string | null;
  /** 协办 units by name, in the order chosen. */
  supportingUnits?: { id: string; name: string | null; nameEn: string | null }[];
  /** The area's name and, for a grid, its street's. */
  areaName?: string | null;
  areaNameEn?: string | null;
  streetName?: string | null;
  streetNameEn?: string | null;
  /** Every unit the ticket and its trail name (lead, supporting, trail, a re-dispatch's target), by id. */
  unitNames?: Record<string, { name: string; nameEn: string }>;
  /** A mailbox letter marked 复杂件 (10 working days to reply instead of 3). */
  complex: boolean;
  trail: TicketEvent[];
  allowedActions: string[];
  /** Whether 查看号码 would be answered (the API's reveal policy); false without a number. */
  mayRevealCaller: boolean;
}

export interface TicketPage {
  total: number;
  items: TicketView[];
}

export interface ListTicketsQuery {
  state?: string;
  ticketClass?: TicketClass;
  channel?: Channel;
  unitId?: string;
  categoryId?: string;
  /** Open tickets whose reply deadline has passed. */
  overdue?: boolean;
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface CreateTicketBody {
  channel: Channel;
  callId?: string;
  callerNumber?: string;
  callerName?: string;
  categoryId: string;
  kind?: TicketKind;
  address?: string;
  areaId?: string;
  lat?: number;
  lng?: number;
  title: string;
  description: string;
  urgency?: Urgency;
  confidential?: boolean;
  fields?: Record<string, string | number | boolean>;
  ticketClass?: TicketClass;
  classReason?: string;
  /** A direct answer; `article` is the knowledge-base entry that answered (kept in the trail). */
  closeAtIntake?: { answer: string; article?: KnowledgeArticleRef };
  dispatch?: boolean;
}

export interface Classification {
  ticketClass: string;
  suggested: string;
  source: string;
  keyword: string | null;
  overridden: boolean;
  reason: string | null;
}

/** A possibly duplicate open ticket, with why it matched (`caller`, `area_category`, `nearby`, …). */
export interface DuplicateTicket {
  id: string;
  code: string;
  state: string;
  categoryId: string;
  areaId: string | null;
  createdAt: string;
  reasons: string[];
  distanceMeters: number | null;
}

export interface CreateTicketResult {
  ticket: TicketDetail;
  classification: Classification;
  duplicates: DuplicateTicket[];
  /** True when the request's `Idempotency-Key` had already filed the ticket (this is a repeat). */
  replayed: boolean;
}

/** A knowledge-base article as a ticket records it: stable id and the title the agent saw. */
/** The knowledge-base article that answered: the server records its published version (and title). */
export interface KnowledgeArticleRef {
  id: string;
}

export interface DuplicatesQuery {
  /** The ticket being written or just saved: never listed as its own duplicate. */
  excludeId?: string;
  callerNumber?: string;
  callId?: string;
  categoryId?: string;
  areaId?: string;
  lat?: number;
  lng?: number;
}

/** Bodies of `POST /api/tickets/:id/<action>`, exactly as the API's schemas accept them. */
export interface TicketActionBodies {
  dispatch: { unitId?: string; supportingUnitIds?: string[]; ruling?: 'accept' | 'reject'; note?: string };
  sign: { note?: string };
  return: { reasonCode: ReturnReason; note: string; attachmentIds?: string[]; expectedChangeId?: string };
  start: { note?: string };
  /**
   * `expectedChangeId`: the ticket's `lastChangeId` as the writer saw it (an act kept offline); a ticket
   * changed since (returned, re-dispatched; not a reminder) answers 409.
   */
  reply: { content: string; attachmentIds?: string[]; expectedChangeId?: string };
  'request-extension': { days: number; reason: string };
  'approve-extension': { approve: boolean; note?: string };
  'follow-up': { verdict: FollowUpVerdict; note?: string };
  reopen: { reason: string };
  close: { verdict?: FollowUpVerdict; note?: string };
  merge: { intoTicketId: string; note?: string };
  remind: { note?: string };
  supervise: { note?: string };
  divert: { reason: string };
  /** 复杂件: the desk gives a mailbox letter 10 working days instead of 3. */
  'mark-complex': { reason: string };
  /** 回复审核: the desk publishes the unit's reply, or sends it back with a reason. */
  'approve-reply': { note?: string };
  'reject-reply': { reason: string };
  /** 现场核查: the grid worker's verdict on site, with at least one photo; a failed check needs the reason. */
  verify: {
    verdict: VerificationVerdict; note?: string; position?: { lat: number; lng: number; accuracy: number };
    attachmentIds?: string[]; expectedChangeId?: string;
  };
}
export type TicketActionName = keyof TicketActionBodies;

/** Codes an action form shows inline next to its fields instead of as a toast. */
export const TICKET_ACTION_HANDLED_CODES = ['validation_failed', 'conflict', 'forbidden'] as const;

/** Tickets in the caller's scope, newest first. */
export function listTickets(query: ListTicketsQuery = {}, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<TicketPage> {
  return requestClient.get<TicketPage>('/tickets', { query: { ...query }, ...options });
}

/** One ticket with its trail and allowed actions; 404 when outside the caller's scope. */
export function getTicket(id: string, options: Pick<RequestOptions, 'handledCodes'> = {}): Promise<TicketDetail> {
  return requestClient.get<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, options);
}

/**
 * Intake: turns a call, letter or report into a ticket (optionally dispatched at once). With an
 * `idempotencyKey`, sending the same intake again (its answer lost) is answered with the ticket
 * the first send filed (`replayed: true`), never a second ticket.
 */
export function createTicket(
  body: CreateTicketBody, options: Pick<RequestOptions, 'handledCodes'> & { idempotencyKey?: string } = {},
): Promise<CreateTicketResult> {
  const { idempotencyKey, ...rest } = options;
  return requestClient.post<CreateTicketResult>('/tickets', body, { ...rest, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) });
}

/** A ticket in the desk's recent-tickets panel. */
export interface RecentTicket {
  id: string;
  code: string;
  title: string;
  state: string;
  channel: string;
  createdAt: string;
}

/** The last tickets the signed-in user took in, newest first (they survive a reload). */
export async function listRecentTickets(limit = 8): Promise<RecentTicket[]> {
  const page = await requestClient.get<{ items: RecentTicket[] }>('/tickets/recent', { query: { limit } });
  return page.items;
}

/** Possible duplicates of what the agent is about to file, so they can merge instead. */
export async function listDuplicates(query: DuplicatesQuery): Promise<DuplicateTicket[]> {
  const page = await requestClient.get<{ items: DuplicateTicket[] }>('/tickets/duplicates', { query: { ...query } });
  return page.items;
}

/**
 * Takes one lifecycle action; answers the updated detail view. `handledCodes` lets a form show
 * a refusal (e.g. an extension asked too late) inline rather than as a toast.
 */
export function runTicketAction<A extends TicketActionName>(
  id: string,
  action: A,
  body: TicketActionBodies[A],
  options: Pick<RequestOptions, 'handledCodes'> & { idempotencyKey?: string } = {},
): Promise<TicketDetail> {
  const { idempotencyKey, ...rest } = options;
  // A reply, a return or an on-site check from the phone carries its key: a repeat after a lost answer is not applied twice.
  return requestClient.post<TicketDetail>(`/tickets/${encodeURIComponent(id)}/${action}`, body, {
    ...rest, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
  });
}

/** Shows the caller's full number for a stated reason (audited on the server). */
export async function revealCallerNumber(id: string, reason: string): Promise<string | null> {
  const answer = await requestClient.post<{ callerNumber: string | null }>(`/tickets/${encodeURIComponent(id)}/reveal-caller`, { reason });
  return answer.callerNumber;
}

/** One ticket's outcome in a batch dispatch: dispatched, or why not (its state changed, out of scope, …). */
export interface BatchDispatchResult {
  ticketId: string;
  code: string | null;
  ok: boolean;
  state: string | null;
  leadUnitId?: string | null;
  error?: { code: string; message: string; field?: string };
}

/** 批量派单: each ticket is dispatched on its own; the answer has one result per ticket. */
export function batchDispatchTickets(body: { ticketIds: string[]; unitId: string; supportingUnitIds?: string[]; note?: string }): Promise<{ succeeded: number; failed: number; results: BatchDispatchResult[] }> {
  return requestClient.post('/tickets/batch-dispatch', body);
}
