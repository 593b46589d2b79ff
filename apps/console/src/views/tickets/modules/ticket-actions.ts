import { FOLLOW_UP_VERDICTS, RETURN_REASONS, type FollowUpVerdict, type ReturnReason } from '@yixian/domain';
import type { TicketActionBodies, TicketActionName, TicketEvent } from '#/api/tickets';

/** Which form an action needs before it is sent. */
export const ACTION_FORMS = {
  none: 'none',
  note: 'note',
  reply: 'reply',
  return: 'return',
  extension: 'extension',
  approve: 'approve',
  verdict: 'verdict',
  close: 'close',
  reason: 'reason',
  dispatch: 'dispatch',
  merge: 'merge',
} as const;
export type ActionForm = (typeof ACTION_FORMS)[keyof typeof ACTION_FORMS];

export interface ActionSpec {
  form: ActionForm;
  buttonType: 'primary' | 'success' | 'warning' | 'danger' | 'default';
}

/**
 * Every action the console offers, in button order (the usual next step first). Actions not
 * listed here (close-at-intake is taken at intake) never get a button.
 */
export const ACTION_SPECS: Readonly<Partial<Record<TicketActionName, ActionSpec>>> = {
  sign: { form: ACTION_FORMS.none, buttonType: 'primary' },
  start: { form: ACTION_FORMS.none, buttonType: 'primary' },
  reply: { form: ACTION_FORMS.reply, buttonType: 'success' },
  dispatch: { form: ACTION_FORMS.dispatch, buttonType: 'primary' },
  'approve-reply': { form: ACTION_FORMS.note, buttonType: 'success' },
  'reject-reply': { form: ACTION_FORMS.reason, buttonType: 'danger' },
  'approve-extension': { form: ACTION_FORMS.approve, buttonType: 'primary' },
  'follow-up': { form: ACTION_FORMS.verdict, buttonType: 'primary' },
  close: { form: ACTION_FORMS.close, buttonType: 'success' },
  'request-extension': { form: ACTION_FORMS.extension, buttonType: 'warning' },
  return: { form: ACTION_FORMS.return, buttonType: 'danger' },
  reopen: { form: ACTION_FORMS.reason, buttonType: 'warning' },
  remind: { form: ACTION_FORMS.note, buttonType: 'default' },
  supervise: { form: ACTION_FORMS.note, buttonType: 'default' },
  merge: { form: ACTION_FORMS.merge, buttonType: 'default' },
  divert: { form: ACTION_FORMS.reason, buttonType: 'default' },
  'mark-complex': { form: ACTION_FORMS.reason, buttonType: 'warning' },
};

/** The unit's extension request still waiting for the desk: the last request with no decision after it. */
export function findPendingExtension(trail: readonly TicketEvent[]): { days: number | null; reason: string | null; at: string } | null {
  for (let i = trail.length - 1; i >= 0; i -= 1) {
    const event = trail[i];
    if (!event) continue;
    if (event.action === 'approve-extension') return null;
    if (event.action === 'request-extension') {
      const days = Number(event.data?.days);
      return { days: Number.isInteger(days) ? days : null, reason: event.reason, at: event.at };
    }
  }
  return null;
}

export interface ActionButton {
  action: TicketActionName;
  labelKey: string;
  form: ActionForm;
  buttonType: ActionSpec['buttonType'];
}

/**
 * Turns the server's `allowedActions` into buttons: only actions the console knows, in a fixed
 * order, minus those the state machine allows but the ticket's own history rules out (deciding
 * an extension nobody asked for; asking again while one waits or after the one allowed; marking
 * complex anything but a mailbox letter not yet marked — the server leaves it out too).
 */
export function toActionButtons(ticket: {
  allowedActions: readonly string[];
  trail: readonly TicketEvent[];
  extensionCount: number;
  channel?: string;
  complex?: boolean;
}): ActionButton[] {
  const pending = findPendingExtension(ticket.trail);
  const allowed = new Set(ticket.allowedActions);
  return (Object.keys(ACTION_SPECS) as TicketActionName[])
    .filter((action) => allowed.has(action))
    .filter((action) => action !== 'approve-extension' || pending !== null)
    .filter((action) => action !== 'request-extension' || (pending === null && ticket.extensionCount < 1))
    .filter((action) => action !== 'mark-complex' || (ticket.channel === 'mailbox' && ticket.complex !== true))
    .map((action) => {
      const spec = ACTION_SPECS[action] as ActionSpec;
      return { action, labelKey: `ticket.actions.${action}`, form: spec.form, buttonType: spec.buttonType };
    });
}

/** Everything any action form can hold; each action reads only its own fields. */
export interface ActionFormState {
  note: string;
  content: string;
  reasonCode: ReturnReason | '';
  days: number;
  reason: string;
  approve: boolean;
  verdict: FollowUpVerdict | '';
  unitId: string;
  /** 协办 units chosen beside the lead unit. */
  supportingUnitIds: string[];
  ruling: 'accept' | 'reject' | '';
  intoTicketId: string;
}

export function createActionForm(): ActionFormState {
  return { note: '', content: '', reasonCode: '', days: 1, reason: '', approve: true, verdict: '', unitId: '', supportingUnitIds: [], ruling: '', intoTicketId: '' };
}

export const MAX_EXTENSION_DAYS = 5;

export type BuildResult<A extends TicketActionName> =
  | { ok: true; body: TicketActionBodies[A] }
  | { ok: false; field: keyof ActionFormState; messageKey: string };

const optionalNote = (note: string) => (note.trim() ? { note: note.trim() } : {});
const fail = (field: keyof ActionFormState, messageKey: string) => ({ ok: false as const, field, messageKey });

/**
 * Checks a form before sending and builds exactly the body the API accepts (no unknown fields:
 * the server refuses them). Returns the field and message key of the first problem.
 */
export function buildActionBody<A extends TicketActionName>(action: A, form: ActionFormState, options: { isReturned?: boolean; hasUnknownUnit?: boolean } = {}): BuildResult<A> {
  const ok = (body: TicketActionBodies[TicketActionName]) => ({ ok: true as const, body: body as TicketActionBodies[A] });
  switch (action) {
    case 'sign':
    case 'start':
    case 'approve-reply':
    case 'remind':
    case 'supervise':
      return ok(optionalNote(form.note));
    case 'reply':
      return form.content.trim() ? ok({ content: form.content.trim() }) : fail('content', 'ticket.form.contentRequired');
    case 'return':
      if (!form.reasonCode || !Object.values(RETURN_REASONS).includes(form.reasonCode)) return fail('reasonCode', 'ticket.form.reasonCodeRequired');
      if (!form.note.trim()) return fail('note', 'ticket.form.noteRequired');
      return ok({ reasonCode: form.reasonCode, note: form.note.trim() });
    case 'request-extension':
      if (!Number.isInteger(form.days) || form.days < 1 || form.days > MAX_EXTENSION_DAYS) return fail('days', 'ticket.form.daysRange');
      if (!form.reason.trim()) return fail('reason', 'ticket.form.reasonRequired');
      return ok({ days: form.days, reason: form.reason.trim() });
    case 'approve-extension':
      return ok({ approve: form.approve, ...optionalNote(form.note) });
    case 'follow-up':
      if (!form.verdict || !Object.values(FOLLOW_UP_VERDICTS).includes(form.verdict)) return fail('verdict', 'ticket.form.verdictRequired');
      return ok({ verdict: form.verdict, ...optionalNote(form.note) });
    case 'close':
      return ok({ ...(form.verdict ? { verdict: form.verdict } : {}), ...optionalNote(form.note) });
    case 'reopen':
    case 'reject-reply':
    case 'divert':
    case 'mark-complex':
      return form.reason.trim() ? ok({ reason: form.reason.trim() }) : fail('reason', 'ticket.form.reasonRequired');
    case 'merge':
      return form.intoTicketId.trim() ? ok({ intoTicketId: form.intoTicketId.trim(), ...optionalNote(form.note) }) : fail('intoTicketId', 'ticket.form.intoTicketRequired');
    case 'dispatch': {
      if (options.isReturned && form.ruling === 'reject') return ok({ ruling: 'reject', ...optionalNote(form.note) });
      if (options.hasUnknownUnit) return fail('unitId', 'pickers.unknownBlocked');
      const unit = form.unitId.trim() ? { unitId: form.unitId.trim() } : {};
      const supporting = form.supportingUnitIds.filter((id) => id !== form.unitId);
      const ruling = options.isReturned ? { ruling: 'accept' as const } : {};
      return ok({ ...unit, ...(supporting.length > 0 ? { supportingUnitIds: supporting } : {}), ...ruling, ...optionalNote(form.note) });
    }
    default:
      return fail('note', 'ticket.form.unsupported');
  }
}
