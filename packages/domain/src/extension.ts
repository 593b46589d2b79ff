import { DEFAULT_TIME_LIMITS, type TimeLimits } from './time-limits';
import type { WorkCalendar } from './work-calendar';

export interface ExtensionRequest {
  /** The reply deadline in force when the unit asks. */
  readonly replyBy: Date;
  readonly requestedAt: Date;
  /** Working days asked for. */
  readonly days: number;
  /** Extensions already granted on this ticket. */
  readonly granted: number;
}

export type ExtensionCheck =
  | { readonly ok: true; readonly replyBy: Date }
  | { readonly ok: false; readonly reason: 'deadline_passed' | 'extension_used' | 'too_many_days' | 'invalid_days' };

/**
 * Checks a 延期 request against the rule (asked before the deadline, at most
 * once, at most five working days) and gives the new reply deadline: the close
 * of the n-th working day after the current one.
 */
export function checkExtension(
  request: ExtensionRequest, calendar: WorkCalendar, limits: TimeLimits = DEFAULT_TIME_LIMITS,
): ExtensionCheck {
  if (!Number.isInteger(request.days) || request.days < 1) return { ok: false, reason: 'invalid_days' };
  if (request.days > limits.maxExtensionDays) return { ok: false, reason: 'too_many_days' };
  if (request.granted >= limits.maxExtensions) return { ok: false, reason: 'extension_used' };
  if (request.requestedAt.getTime() >= request.replyBy.getTime()) return { ok: false, reason: 'deadline_passed' };
  return { ok: true, replyBy: calendar.addWorkingDays(request.replyBy, request.days) };
}
