import type { ListTicketsQuery, TicketPage, TicketView } from '#/api/tickets';
import { pickDeadline } from '../tickets/data';

/** The handler's four tabs (待签收, 办理中, 已超期, 已退单). */
export const INBOX_TABS = {
  to_sign: 'to_sign',
  in_progress: 'in_progress',
  overdue: 'overdue',
  returned: 'returned',
} as const;
export type InboxTab = (typeof INBOX_TABS)[keyof typeof INBOX_TABS];
export const INBOX_TAB_VALUES = Object.values(INBOX_TABS);

/** How many tickets one tab shows (the unit's open work; a unit with more pages through the API). */
export const INBOX_PAGE_SIZE = 100;

/**
 * The list queries behind a tab. The API filters one state at a time, so a tab of two states
 * is two queries. Only the user's own unit's tickets: a grid member's area scope also covers
 * tickets the street office leads, which are not theirs to sign.
 */
export function buildInboxQueries(tab: InboxTab, unitId: string | null): ListTicketsQuery[] {
  const base: ListTicketsQuery = { pageSize: INBOX_PAGE_SIZE, ...(unitId ? { unitId } : {}) };
  switch (tab) {
    case INBOX_TABS.to_sign:
      return [{ ...base, state: 'dispatched' }, { ...base, state: 'reopened' }];
    case INBOX_TABS.in_progress:
      return [{ ...base, state: 'signed' }, { ...base, state: 'in_progress' }];
    case INBOX_TABS.overdue:
      return [{ ...base, overdue: true }];
    case INBOX_TABS.returned:
      return [{ ...base, state: 'returned' }];
  }
}

/** True when the ticket belongs in the tab at `now` (the same rules as the queries, for live updates). */
export function matchesInboxTab(ticket: Pick<TicketView, 'state' | 'handleDueAt'>, tab: InboxTab, now: number): boolean {
  switch (tab) {
    case INBOX_TABS.to_sign:
      return ticket.state === 'dispatched' || ticket.state === 'reopened';
    case INBOX_TABS.in_progress:
      return ticket.state === 'signed' || ticket.state === 'in_progress';
    case INBOX_TABS.overdue: {
      const open = ['accepted', 'dispatched', 'signed', 'returned', 'in_progress', 'reopened'].includes(ticket.state);
      return open && ticket.handleDueAt !== null && Date.parse(ticket.handleDueAt) < now;
    }
    case INBOX_TABS.returned:
      return ticket.state === 'returned';
  }
}

/**
 * Merges the pages of one tab: each ticket once, most urgent first (the running deadline,
 * earliest first; tickets without one last, newest first among them).
 */
export function mergeTicketPages(pages: readonly TicketPage[]): TicketView[] {
  const byId = new Map<string, TicketView>();
  for (const page of pages) for (const ticket of page.items) byId.set(ticket.id, ticket);
  const dueOf = (ticket: TicketView) => {
    const deadline = pickDeadline(ticket);
    const due = deadline ? Date.parse(deadline.dueAt) : Number.NaN;
    return Number.isNaN(due) ? Number.POSITIVE_INFINITY : due;
  };
  return [...byId.values()].sort((a, b) => dueOf(a) - dueOf(b) || b.createdAt.localeCompare(a.createdAt));
}
