import { TICKET_STATES } from '@yixian/domain';
import type { TicketDetail, TicketEvent, TicketView } from '#/api/tickets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Under this much time left, a deadline turns amber (it turns red once passed). */
export const DUE_SOON_MS = 2 * HOUR;

export const COUNTDOWN_TONES = { normal: 'normal', soon: 'soon', overdue: 'overdue' } as const;
export type CountdownTone = (typeof COUNTDOWN_TONES)[keyof typeof COUNTDOWN_TONES];

/** Time left to a deadline (or past it), split for display; minutes round toward the deadline. */
export interface Countdown {
  isOverdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  tone: CountdownTone;
}

/**
 * Splits the distance between `now` and `dueAt` into days / hours / minutes. Null when there is
 * no deadline or the date cannot be read, so the view shows a dash instead of "NaN".
 */
export function toCountdown(dueAt: string | null | undefined, now: number): Countdown | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due) || !Number.isFinite(now)) return null;
  const diff = due - now;
  const isOverdue = diff < 0;
  const span = Math.abs(diff);
  // Time left rounds down (never promise more than there is); time overdue rounds up.
  const totalMinutes = isOverdue ? Math.ceil(span / MINUTE) : Math.floor(span / MINUTE);
  const days = Math.floor(totalMinutes / (DAY / MINUTE));
  const hours = Math.floor((totalMinutes % (DAY / MINUTE)) / 60);
  const minutes = totalMinutes % 60;
  const tone = isOverdue ? COUNTDOWN_TONES.overdue : diff <= DUE_SOON_MS ? COUNTDOWN_TONES.soon : COUNTDOWN_TONES.normal;
  return { isOverdue, days, hours, minutes, tone };
}

/** Which i18n pattern a countdown uses, and its values: the largest two units that matter. */
export function toDurationMessage(countdown: Pick<Countdown, 'days' | 'hours' | 'minutes'>): { key: string; values: Record<string, number> } {
  const { days, hours, minutes } = countdown;
  if (days > 0) return { key: 'ticket.duration.daysHours', values: { days, hours } };
  if (hours > 0) return { key: 'ticket.duration.hoursMinutes', values: { hours, minutes } };
  return { key: 'ticket.duration.minutes', values: { minutes } };
}

export const DEADLINE_KINDS = { sign: 'sign', reply: 'reply', followUp: 'followUp' } as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[keyof typeof DEADLINE_KINDS];

/**
 * The deadline that is running for a ticket in its state: sign-for while it waits to be signed,
 * the reply deadline while it is handled, the follow-up call once replied; none otherwise.
 */
export function pickDeadline(ticket: Pick<TicketView, 'state' | 'signDueAt' | 'handleDueAt' | 'followUpDueAt'>): { kind: DeadlineKind; dueAt: string } | null {
  const first = listRunningDeadlines(ticket)[0];
  return first ? { kind: first.kind, dueAt: first.dueAt } : null;
}

const DEADLINE_LABELS: Record<DeadlineKind, string> = { sign: 'ticket.fields.signDue', reply: 'ticket.fields.replyDue', followUp: 'ticket.fields.followUpDue' };

/**
 * Every deadline still running for the ticket, for the detail page: sign-for until signed, the
 * reply deadline while a unit holds it, the follow-up call after the reply.
 */
export function listRunningDeadlines(
  ticket: Pick<TicketView, 'state' | 'signDueAt' | 'handleDueAt' | 'followUpDueAt'>,
): Array<{ kind: DeadlineKind; dueAt: string; labelKey: string }> {
  const S = TICKET_STATES;
  const out: Array<{ kind: DeadlineKind; dueAt: string }> = [];
  if ((ticket.state === S.dispatched || ticket.state === S.reopened) && ticket.signDueAt) out.push({ kind: DEADLINE_KINDS.sign, dueAt: ticket.signDueAt });
  if (([S.dispatched, S.signed, S.in_progress, S.reopened] as readonly string[]).includes(ticket.state) && ticket.handleDueAt) {
    out.push({ kind: DEADLINE_KINDS.reply, dueAt: ticket.handleDueAt });
  }
  if ((ticket.state === S.replied || ticket.state === S.follow_up) && ticket.followUpDueAt) out.push({ kind: DEADLINE_KINDS.followUp, dueAt: ticket.followUpDueAt });
  return out.map((deadline) => ({ ...deadline, labelKey: DEADLINE_LABELS[deadline.kind] }));
}

/** Element Plus tag colour for a ticket state. */
export function toStateTagType(state: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case TICKET_STATES.dispatched:
    case TICKET_STATES.signed:
    case TICKET_STATES.in_progress:
      return 'primary';
    case TICKET_STATES.returned:
    case TICKET_STATES.reopened:
      return 'danger';
    case TICKET_STATES.replied:
    case TICKET_STATES.follow_up:
      return 'warning';
    case TICKET_STATES.closed:
    case TICKET_STATES.closed_at_intake:
      return 'success';
    default:
      return 'info';
  }
}

/** One label/value line under a trail entry; `valueKey` is translated when it exists, else `value` is shown. */
export interface EventDetail {
  labelKey: string;
  value: string;
  valueKey?: string;
  /** Values the `valueKey` message takes (the accuracy of a check's position). */
  values?: Record<string, string>;
}

function readString(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * The facts of a trail entry worth showing besides who/when/from→to/why: the reply text, the
 * return code, the days asked, the verdict, the ruling, the unit it went to. Unknown data keys
 * are left out rather than dumped as JSON.
 */
export function describeEventDetails(event: Pick<TicketEvent, 'action' | 'data'>, unitNames: ReadonlyMap<string, string> = new Map()): EventDetail[] {
  const data = event.data ?? {};
  const details: EventDetail[] = [];
  const content = readString(data, 'content');
  if (content) details.push({ labelKey: 'ticket.trail.content', value: content });
  // A direct answer (close-at-intake): what the caller was told, and the article it came from.
  const answer = readString(data, 'answer');
  if (answer) details.push({ labelKey: 'ticket.trail.answer', value: answer });
  // 升级为突发事件: the incident it became.
  const incidentCode = readString(data, 'incidentCode');
  if (incidentCode) details.push({ labelKey: 'ticket.trail.incident', value: incidentCode });
  const articleTitle = readString(data, 'articleTitle');
  if (articleTitle) details.push({ labelKey: 'ticket.trail.article', value: articleTitle });
  const reasonCode = readString(data, 'reasonCode');
  if (reasonCode) details.push({ labelKey: 'ticket.trail.reasonCode', value: reasonCode, valueKey: `ticket.returnReasons.${reasonCode}` });
  const days = readString(data, 'days');
  if (days) details.push({ labelKey: 'ticket.trail.days', value: days });
  const addedDays = readString(data, 'addedDays');
  if (addedDays) details.push({ labelKey: 'ticket.trail.addedDays', value: addedDays });
  if (typeof data.approve === 'boolean') {
    details.push({ labelKey: 'ticket.trail.decision', value: String(data.approve), valueKey: data.approve ? 'ticket.trail.approved' : 'ticket.trail.refused' });
  }
  const verdict = readString(data, 'verdict');
  if (verdict && event.action === 'verify') {
    details.push({ labelKey: 'ticket.trail.verification', value: verdict, valueKey: `ticket.verificationVerdicts.${verdict}` });
  } else if (verdict) {
    details.push({ labelKey: 'ticket.trail.verdict', value: verdict, valueKey: `ticket.verdicts.${verdict}` });
  }
  // 现场核查: where the worker stood (in the ticket's grid or not, and how sure the phone was); a reply's
  // entry says the grid was asked to check it, or why it was not.
  if (typeof data.inGrid === 'boolean') {
    const accuracy = readString((data.position ?? {}) as Record<string, unknown>, 'accuracy');
    details.push({
      labelKey: 'ticket.trail.checkedAt', value: String(data.inGrid), valueKey: data.inGrid ? 'ticket.trail.inGrid' : 'ticket.trail.outsideGrid',
      ...(accuracy ? { values: { metres: String(Math.round(Number(accuracy))) } } : {}),
    });
  }
  const verification = readString(data, 'verification');
  if (verification) details.push({ labelKey: 'ticket.trail.verificationNeed', value: verification, valueKey: `ticket.trail.verificationNeeds.${verification}` });
  if (data.viaVerification === true) details.push({ labelKey: 'ticket.trail.reopenCause', value: 'verification', valueKey: 'ticket.trail.reopenViaVerification' });
  const ruling = readString(data, 'ruling');
  if (ruling) details.push({ labelKey: 'ticket.trail.ruling', value: ruling, valueKey: `ticket.rulings.${ruling}` });
  const toUnit = readString(data, 'toUnitId');
  if (toUnit) details.push({ labelKey: 'ticket.trail.toUnit', value: unitNames.get(toUnit) ?? toUnit });
  const supporting = readSupportingUnits(data);
  if (supporting.length > 0) {
    details.push({ labelKey: 'pickers.trailSupporting', value: supporting.map((unit) => unitNames.get(unit.id) ?? unit.name ?? unit.id).join('、') });
  }
  return details;
}

/** A name for people in the UI's language (English under `en` when there is one), else the fallback (an id). */
export function localName(name: string | null | undefined, nameEn: string | null | undefined, locale: string, fallback: string): string {
  return (locale === 'en' && nameEn ? nameEn : name) || fallback;
}

/** The supporting units a dispatch entry names (`data.supportingUnits`, written with their names at the time). */
export function readSupportingUnits(data: Record<string, unknown>): { id: string; name: string | null; nameEn: string | null }[] {
  const list = data.supportingUnits;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') return [];
    const { id, name, nameEn } = item as { id: string; name?: unknown; nameEn?: unknown };
    return [{ id, name: typeof name === 'string' ? name : null, nameEn: typeof nameEn === 'string' ? nameEn : null }];
  });
}

/** The unit names a ticket's detail carries (lead, supporting and every unit in its trail), by unit id. */
export function unitNamesOf(
  detail: Pick<TicketDetail, 'leadUnitId' | 'leadUnitName' | 'leadUnitNameEn' | 'trail' | 'unitNames'> & Partial<Pick<TicketDetail, 'supportingUnits'>>,
  locale: string,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, unit] of Object.entries(detail.unitNames ?? {})) names.set(id, localName(unit.name, unit.nameEn, locale, id));
  for (const event of detail.trail) {
    if (event.unitId && event.unitName) names.set(event.unitId, localName(event.unitName, event.unitNameEn, locale, event.unitId));
    for (const unit of readSupportingUnits(event.data ?? {})) if (unit.name) names.set(unit.id, localName(unit.name, unit.nameEn, locale, unit.id));
  }
  for (const unit of detail.supportingUnits ?? []) if (unit.name) names.set(unit.id, localName(unit.name, unit.nameEn, locale, unit.id));
  if (detail.leadUnitId && detail.leadUnitName) names.set(detail.leadUnitId, localName(detail.leadUnitName, detail.leadUnitNameEn, locale, detail.leadUnitId));
  return names;
}

/**
 * The ticket's area as the server named it, with its street for a grid (`东门街道 · 第3网格`; a grid
 * whose name already starts with the street's is shown as is); falls back to the area list.
 */
export function ticketAreaName(
  detail: Pick<TicketDetail, 'areaId' | 'areaName' | 'areaNameEn' | 'streetName' | 'streetNameEn'>,
  areas: ReadonlyArray<{ id: string; name: string; nameEn: string }>,
  locale: string,
): string {
  if (!detail.areaName) return areaName(areas, detail.areaId, locale);
  const area = localName(detail.areaName, detail.areaNameEn, locale, detail.areaName);
  if (!detail.streetName) return area;
  const street = localName(detail.streetName, detail.streetNameEn, locale, detail.streetName);
  return area.startsWith(street) ? area : `${street} · ${area}`;
}

/** An area's name from the area list; the id while the list is not loaded or does not know it. */
export function areaName(areas: ReadonlyArray<{ id: string; name: string; nameEn: string }>, id: string | null | undefined, locale: string): string {
  if (!id) return '—';
  const area = areas.find((a) => a.id === id);
  return area ? localName(area.name, area.nameEn, locale, id) : id;
}

/** A file size for people: bytes under 1 KB, then KB, then MB with one decimal. */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
