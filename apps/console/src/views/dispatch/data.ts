import type { ListTicketsQuery, TicketDetail, TicketView } from '#/api/tickets';
import { findPendingExtension } from '../tickets/modules/ticket-actions';

/** The dispatch desk's work queues. */
export const DISPATCH_TABS = {
  awaiting: 'awaiting',
  returned: 'returned',
  extensions: 'extensions',
  dispatched: 'dispatched',
  follow_up: 'follow_up',
  /** 回复审核: units' replies waiting before the citizen may read them (modules/reply-review-panel.vue). */
  reply_review: 'reply_review',
  /** 待核查: units' replies waiting for the grid worker's on-site check (watched here, checked on the phone). */
  verifying: 'verifying',
} as const;
export type DispatchTab = (typeof DISPATCH_TABS)[keyof typeof DISPATCH_TABS];
export const DISPATCH_TAB_VALUES = Object.values(DISPATCH_TABS);

export const DISPATCH_PAGE_SIZE = 100;

/**
 * How many handled tickets the extensions tab inspects. The list API cannot filter "has a
 * pending extension request" (that lives in the trail), so the tab reads candidates' details.
 */
export const EXTENSION_SCAN_LIMIT = 50;

/** The list queries behind a tab (the API filters one state at a time). */
export function buildDispatchQueries(tab: DispatchTab): ListTicketsQuery[] {
  const base: ListTicketsQuery = { pageSize: DISPATCH_PAGE_SIZE };
  switch (tab) {
    case DISPATCH_TABS.awaiting:
      return [{ ...base, state: 'accepted' }];
    case DISPATCH_TABS.returned:
      return [{ ...base, state: 'returned' }];
    case DISPATCH_TABS.extensions:
      return [{ ...base, state: 'signed' }, { ...base, state: 'in_progress' }, { ...base, state: 'reopened' }];
    case DISPATCH_TABS.dispatched:
      return [{ ...base, state: 'dispatched' }];
    case DISPATCH_TABS.reply_review:
      return [{ ...base, state: 'reply_review' }];
    case DISPATCH_TABS.verifying:
      return [{ ...base, state: 'verifying' }];
    case DISPATCH_TABS.follow_up:
      return [{ ...base, state: 'replied' }, { ...base, state: 'follow_up' }];
  }
}

/**
 * Tickets that may carry a pending extension request: handled and not yet extended (only one
 * extension is ever granted), most recently changed first, at most EXTENSION_SCAN_LIMIT.
 */
export function selectExtensionCandidates(tickets: readonly TicketView[]): TicketView[] {
  return tickets
    .filter((ticket) => ticket.extensionCount < 1)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, EXTENSION_SCAN_LIMIT);
}

export interface ExtensionRequest {
  days: number | null;
  reason: string | null;
  at: string;
}

/** From the candidates' details, the ones whose request waits for a decision, keyed by ticket id. */
export function collectExtensionRequests(details: readonly TicketDetail[]): Map<string, ExtensionRequest> {
  const requests = new Map<string, ExtensionRequest>();
  for (const detail of details) {
    const pending = findPendingExtension(detail.trail);
    if (pending) requests.set(detail.id, pending);
  }
  return requests;
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the input order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Tabs whose tickets may be dispatched together (待派单, 退单待裁定 — accepting the return —, 已派未签收). */
export const BATCH_TABS: readonly DispatchTab[] = [DISPATCH_TABS.awaiting, DISPATCH_TABS.returned, DISPATCH_TABS.dispatched];

/** The most tickets one batch may carry (the server's cap). */
export const MAX_BATCH_DISPATCH = 100;

/** Why one ticket of a batch was not dispatched, as an i18n key with its values (never a raw message). */
export function describeBatchFailure(result: { state: string | null; error?: { code: string } }): { key: string; values: Record<string, string> } {
  switch (result.error?.code) {
    case 'conflict':
      return result.state ? { key: 'dispatch.batch.failures.state', values: { state: result.state } } : { key: 'dispatch.batch.failures.conflict', values: {} };
    case 'not_found':
      return { key: 'dispatch.batch.failures.not_found', values: {} };
    case 'forbidden':
      return { key: 'dispatch.batch.failures.forbidden', values: {} };
    case 'validation_failed':
      return { key: 'dispatch.batch.failures.invalid', values: {} };
    default:
      return { key: 'dispatch.batch.failures.other', values: {} };
  }
}

/** The row buttons of the 待回访 tab: follow-up while replied, close while replied or followed up. */
export function followUpRowActions(state: string): ('follow-up' | 'close')[] {
  if (state === 'replied') return ['follow-up', 'close'];
  if (state === 'follow_up') return ['close'];
  return [];
}
