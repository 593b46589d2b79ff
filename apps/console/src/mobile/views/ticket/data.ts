import type { ApiError } from '#/api/api-error';
import { describeApiError } from '#/api/error-message';
import { formatTime } from '#/utils/format-time';
import type { TicketAttachment } from '#/api/ticket-attachments';
import type { TicketActionName, TicketEvent } from '#/api/tickets';
import { toActionButtons, type ActionButton } from '#/views/tickets/modules/ticket-actions';

/** The handler's actions the phone offers (issue 15's first slice), in button order. */
export const PHONE_ACTIONS: readonly TicketActionName[] = ['sign', 'start', 'reply', 'request-extension', 'return'];

/**
 * The buttons for this ticket on the phone: the desk's rules (`toActionButtons`: what the server
 * allows, minus what the ticket's history rules out), limited to the handler's actions.
 */
export function toPhoneActions(ticket: Parameters<typeof toActionButtons>[0]): ActionButton[] {
  return toActionButtons(ticket)
    .filter((button) => PHONE_ACTIONS.includes(button.action))
    .sort((a, b) => PHONE_ACTIONS.indexOf(a.action) - PHONE_ACTIONS.indexOf(b.action));
}

/** How many trail entries the phone shows (the newest); the desk has the whole trail. */
export const TRAIL_SUMMARY_SIZE = 6;

/** The newest trail entries, newest first (same-second entries keep the trail's order, reversed), with the text worth a line (a reply, a reason) and the files the act carries. */
export function summariseTrail(
  trail: readonly TicketEvent[],
  size = TRAIL_SUMMARY_SIZE,
): Array<{ id: string; action: string; at: string; who: string | null; text: string | null; verdict: string | null; attachments: TicketAttachment[] }> {
  return trail
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.index - a.index)
    .slice(0, size)
    .map(({ event }) => {
      const content = typeof event.data?.content === 'string' ? event.data.content : null;
      // An on-site check's verdict (通过 / 不通过), said beside the action.
      const verdict = event.action === 'verify' && typeof event.data?.verdict === 'string' ? event.data.verdict : null;
      return {
        id: event.id, action: event.action, at: event.at, who: event.actorName ?? event.unitName ?? null, text: content ?? event.reason ?? null, verdict,
        attachments: event.attachments ?? [],
      };
    });
}

type Translate = { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean };

/**
 * A refused action in words, for the sheet, and whether the ticket on screen is stale (someone
 * acted first: the page reloads it). The API's 409s differ by their details: a state the action
 * no longer fits (`details.state`), a return window that closed (`details.returnBy`), an
 * extension already waiting (`field: days`); anything else is the API's reason in the user's language.
 */
export function describeActionError(error: Pick<ApiError, 'code' | 'message' | 'status'> & Partial<Pick<ApiError, 'field' | 'details'>>, translate: Translate): { text: string; isStale: boolean } {
  const { t, te } = translate;
  // The error body's own `details` (the API nests an error's facts there).
  const inner = error.details?.details;
  const details = (inner && typeof inner === 'object' ? inner : {}) as Record<string, unknown>;
  if (error.code === 'conflict') {
    if (typeof details.returnBy === 'string') return { text: t('mobile.sheet.returnWindowClosed', { time: formatTime(details.returnBy, undefined, 'minutes') }), isStale: false };
    if (error.field === 'days') return { text: t('mobile.sheet.extensionPending'), isStale: true };
    if (typeof details.state === 'string' && typeof details.action === 'string') {
      const state = te(`ticket.states.${details.state}`) ? t(`ticket.states.${details.state}`) : details.state;
      const action = te(`ticket.actions.${details.action}`) ? t(`ticket.actions.${details.action}`) : details.action;
      return { text: t('mobile.sheet.conflict', { state, action }), isStale: true };
    }
  }
  return { text: describeApiError(error, { t: (key) => t(key), te }), isStale: false };
}
