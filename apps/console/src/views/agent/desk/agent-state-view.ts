import { AUTO_PAUSE_REASON, PAUSE_REASONS, PAUSE_REASON_VALUES, pendingPauseReason } from '@yixian/domain';

/**
 * How the desk and the wallboard put an agent's state into words and colours. States come
 * from the PBX (`unavailable`: the phone is offline but still in the queue; `wrap_up` with
 * reason `after_call_work`: after-call work); pause reasons are our codes or Asterisk's own
 * `Auto-Pause` (a call rang out here). A pause taken during a call arrives as `busy` with its
 * reason (domain `presentAgentState`): the call shows first, the pause as pending.
 */
export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

const TAG_TYPES: Record<string, TagType> = {
  ready: 'success',
  paused: 'warning',
  wrap_up: 'primary',
  ringing: 'danger',
  busy: 'danger',
  unavailable: 'danger',
  logged_out: 'info',
};

export function agentStateTagType(state: string): TagType {
  return TAG_TYPES[state] ?? 'info';
}

/** The i18n key of a pause reason; null when there is none, or no words for it (show it as it is). */
export function pauseReasonKey(reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason === AUTO_PAUSE_REASON) return 'call.pauseReasons.auto_pause';
  return (PAUSE_REASON_VALUES as readonly string[]).includes(reason) ? `call.pauseReasons.${reason}` : null;
}

/** The line the empty call panel shows for the agent's state. */
export function idleMessageKey(state: string): string {
  switch (state) {
    case 'logged_out': return 'desk.idle.notReady';
    case 'paused': return 'desk.idle.paused';
    case 'wrap_up': return 'desk.idle.afterCallWork';
    case 'unavailable': return 'desk.idle.unavailable';
    default: return 'desk.idle.ready';
  }
}

/** vue-i18n's `t` and `te`, as a view passes them. */
export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
}

/** A pause reason in words; a reason we have no words for shows as it is. */
export function pauseReasonText(reason: string, { t }: Translator): string {
  const key = pauseReasonKey(reason);
  return key ? t(key) : reason;
}

/**
 * An agent's state in words, as the desk's state bar and the wallboard show it: the state's name
 * (小休, 通话中…) and a note: the pause reason of a pause (就餐), or the pause pending until the
 * call ends for an agent who paused while talking (通话结束后小休：休息). The note is '' otherwise.
 */
export function agentStateWords(state: string, pausedReason: string | null, translator: Translator): { name: string; note: string } {
  const { t, te } = translator;
  const name = te(`call.agentStates.${state}`) ? t(`call.agentStates.${state}`) : state;
  const pending = pendingPauseReason(state, pausedReason);
  if (pending) {
    const note = pending === PAUSE_REASONS.after_call_work
      ? t('call.pendingAfterCallWork')
      : t('call.pendingPause', { reason: pauseReasonText(pending, translator) });
    return { name, note };
  }
  return { name, note: state === 'paused' && pausedReason ? pauseReasonText(pausedReason, translator) : '' };
}
