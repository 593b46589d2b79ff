import type { ApiError } from '#/api/api-error';
import { describeApiError } from '#/api/error-message';
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

/** The newest trail entries, newest first, with the text worth a line: a reply, a reason. */
export function summariseTrail(trail: readonly TicketEvent[], size = TRAIL_SUMMARY_SIZE): Array<{ id: string; action: string; at: string; who: string | null; text: string | null }> {
  return [...trail]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, size)
    .map((event) => {
      const content = typeof event.data?.content === 'string' ? event.data.content : null;
      return { id: event.id, action: event.action, at: event.at, who: event.actorName ?? event.unitName ?? null, text: content ?? event.reason ?? null };
    });
}

type Translate = { t: (key: string, values?: Record<string, unknown>) => string; te: (key: string) => boolean };

/**
 * A refused action in words, for the sheet: a stale ticket (someone acted first: 409) says so and
 * the page reloads it; anything else is the API's reason in the user's language.
 */
export function describeActionError(error: Pick<ApiError, 'code' | 'message' | 'status'>, translate: Translate): string {
  if (error.code === 'conflict') return translate.t('mobile.sheet.conflict');
  return describeApiError(error, { t: (key) => translate.t(key), te: translate.te });
}
