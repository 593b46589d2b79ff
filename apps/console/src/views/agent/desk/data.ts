import type { TicketKind, Urgency } from '@yixian/domain';
import type { Category } from '#/api/catalogue';
import type { CreateTicketBody, DuplicatesQuery } from '#/api/tickets';
import type { ActiveCall } from '#/stores/active-call';

/** The ticket form's state; plain values only, so useFormDraft can save it across a session expiry. */
export interface TicketFormState {
  categoryId: string;
  kind: TicketKind | '';
  title: string;
  description: string;
  address: string;
  areaId: string;
  urgency: Urgency;
  confidential: boolean;
  fields: Record<string, string | number>;
  answer: string;
  /** The knowledge-base article whose answer was used ('' when the answer is the agent's own). */
  articleId: string;
  articleTitle: string;
}

export function createEmptyForm(): TicketFormState {
  return { categoryId: '', kind: '', title: '', description: '', address: '', areaId: '', urgency: 'normal', confidential: false, fields: {}, answer: '', articleId: '', articleTitle: '' };
}

/** One required intake field of a category, as the catalogue stores it. */
export interface RequiredField {
  key: string;
  label: string;
  labelEn: string;
  type: 'text' | 'number' | 'date' | 'select';
  options?: string[];
}

/** The category's required fields, dropping malformed entries. */
export function readRequiredFields(category: Pick<Category, 'requiredFields'> | undefined): RequiredField[] {
  return (category?.requiredFields ?? []).filter(
    (f): f is Record<string, unknown> & RequiredField => typeof f.key === 'string' && typeof f.label === 'string' && typeof f.labelEn === 'string',
  ).map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, type: (['number', 'date', 'select'].includes(f.type) ? f.type : 'text'), ...(Array.isArray(f.options) ? { options: f.options } : {}) }));
}

/** The call the ticket comes from; `callId` is the call record's id. */
export interface TicketCallContext {
  callId: string | null;
  hotline: string | null;
}

/**
 * The call a ticket written now is for (来自来电): the call on screen once answered, and still
 * after it ended (wrap-up, a desk reloaded during after-call work); none while it only rings
 * (it may go to someone else) or was missed.
 */
export function ticketCallOf(call: Pick<ActiveCall, 'phase' | 'callId' | 'hotline'> | null): TicketCallContext | null {
  if (!call || call.phase === 'ringing' || call.phase === 'missed') return null;
  return { callId: call.callId, hotline: call.hotline };
}

export type SubmitMode = 'dispatch' | 'close';

/** A problem with the form, named by field and an i18n key (the view translates). */
export interface FormProblem {
  field: string;
  key: string;
  params?: Record<string, string>;
}

/**
 * Checks the form before sending: category, title, description, a place for a ticket that is
 * dispatched (a direct answer needs none: the enquiry is settled on the call), every required
 * field of the category, an answer when closing at intake, and a call record for a phone ticket.
 */
export function validateTicketForm(
  form: TicketFormState, required: readonly RequiredField[], mode: SubmitMode, call: TicketCallContext | null, locale: string,
): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!form.categoryId) problems.push({ field: 'categoryId', key: 'desk.form.required', params: { field: 'category' } });
  if (!form.title.trim()) problems.push({ field: 'title', key: 'desk.form.required', params: { field: 'title' } });
  if (!form.description.trim()) problems.push({ field: 'description', key: 'desk.form.required', params: { field: 'description' } });
  if (mode === 'dispatch' && !form.address.trim() && !form.areaId) problems.push({ field: 'location', key: 'desk.form.needPlace' });
  for (const field of required) {
    const value = form.fields[field.key];
    if (value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) {
      problems.push({ field: `fields.${field.key}`, key: 'desk.form.fieldRequired', params: { field: locale === 'en' ? field.labelEn : field.label } });
    }
  }
  if (mode === 'close' && !form.answer.trim()) problems.push({ field: 'answer', key: 'desk.form.needAnswer' });
  if (call && !call.callId) problems.push({ field: 'callId', key: 'desk.form.needCall' });
  return problems;
}

/** The intake body: a phone ticket carries its call; dispatch or close-at-intake as chosen. */
export function buildCreateTicketBody(
  form: TicketFormState, required: readonly RequiredField[], mode: SubmitMode, call: TicketCallContext | null,
): CreateTicketBody {
  const fields: Record<string, string | number> = {};
  for (const field of required) {
    const value = form.fields[field.key];
    if (value !== undefined && value !== '') fields[field.key] = field.type === 'number' ? Number(value) : value;
  }
  return {
    channel: call ? 'phone' : 'web',
    ...(call?.callId ? { callId: call.callId } : {}),
    categoryId: form.categoryId,
    ...(form.kind ? { kind: form.kind } : {}),
    title: form.title.trim(),
    description: form.description.trim(),
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    ...(form.areaId ? { areaId: form.areaId } : {}),
    urgency: form.urgency,
    confidential: form.confidential,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(mode === 'close'
      ? { closeAtIntake: { answer: form.answer.trim(), ...(form.articleId ? { article: { id: form.articleId } } : {}) } }
      : { dispatch: true }),
  };
}

/**
 * The duplicate check for what is on the form, or null while it cannot match anything yet: the
 * call's caller, or a category with a grid (a category alone says nothing). `excludeId` is the
 * ticket just saved from this form, never its own duplicate.
 */
export function duplicatesQueryOf(
  form: Pick<TicketFormState, 'categoryId' | 'areaId'>, callId: string | null | undefined, excludeId: string | null,
): DuplicatesQuery | null {
  const byPlace = Boolean(form.categoryId && form.areaId);
  if (!callId && !byPlace) return null;
  return {
    ...(callId ? { callId } : {}),
    ...(form.categoryId ? { categoryId: form.categoryId } : {}),
    ...(byPlace ? { areaId: form.areaId } : {}),
    ...(excludeId ? { excludeId } : {}),
  };
}

/** `mm:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const rest = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/** Transfer / linkage destinations the API accepts: 110, 6xxx department desks, outside numbers. */
export const DESTINATION_PATTERN = /^(110|6\d{3}|0\d{6,12}|1[3-9]\d{9})$/;

export function isValidDestination(value: string): boolean {
  return DESTINATION_PATTERN.test(value.trim());
}
