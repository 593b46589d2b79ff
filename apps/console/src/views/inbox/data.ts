import type { ListTicketsQuery, TicketPage, TicketView } from '#/api/tickets';
import { pickDeadline } from '../tickets/data';

/**
 * The handler's tabs (待签收, 办理中, 已超期, 已退单), and on a grid worker's phone 待核查: replies of
 * other units on tickets of the grid, waiting for the worker's on-site check.
 */
export const INBOX_TABS = {
  to_sign: 'to_sign',
  in_progress: 'in_progress',
  overdue: 'overdue',
  returned: 'returned',
  to_verify: 'to_verify',
} as const;
export type InboxTab = (typeof INBOX_TABS)[keyof typeof INBOX_TABS];
/** The desk's four tabs. */
export const INBOX_TAB_VALUES: readonly InboxTab[] = [INBOX_TABS.to_sign, INBOX_TABS.in_progress, INBOX_TABS.overdue, INBOX_TABS.returned];
/** The phone's: the desk's four, and 待核查 for a grid worker (the check is made on site, so only on the phone). */
export function phoneInboxTabs(roles: readonly string[]): readonly InboxTab[] {
  return roles.includes('grid_member') ? [...INBOX_TAB_VALUES, INBOX_TABS.to_verify] : INBOX_TAB_VALUES;
}

/** How many tickets one tab shows (the unit's open work; a unit with more pages through the API). */
export const INBOX_PAGE_SIZE = 100;

/**
 * The list query behind a tab, one request per tab (the API takes several states separated by
 * commas: on a phone's slow network every request is a round trip). Only the user's own unit's
 * tickets: a grid member's area scope also covers tickets the street office leads, which are not
 * theirs to sign.
 */
export function buildInboxQueries(tab: InboxTab, unitId: string | null): ListTicketsQuery[] {
  const base: ListTicketsQuery = { pageSize: INBOX_PAGE_SIZE, ...(unitId ? { unitId } : {}) };
  switch (tab) {
    case INBOX_TABS.to_sign:
      return [{ ...base, state: 'dispatched,reopened' }];
    case INBOX_TABS.in_progress:
      return [{ ...base, state: 'signed,in_progress' }];
    case INBOX_TABS.overdue:
      return [{ ...base, overdue: true }];
    case INBOX_TABS.returned:
      return [{ ...base, state: 'returned' }];
    // Another unit leads these: the grid's own scope (its area) finds them, not the unit.
    case INBOX_TABS.to_verify:
      return [{ pageSize: INBOX_PAGE_SIZE, state: 'verifying' }];
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
    case INBOX_TABS.to_verify:
      return ticket.state === 'verifying';
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
