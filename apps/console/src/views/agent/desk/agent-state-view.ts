import { AUTO_PAUSE_REASON, PAUSE_REASON_VALUES } from '@yixian/domain';

/**
 * How the desk and the wallboard put an agent's state into words and colours. States come
 * from the PBX (`unavailable`: the phone is offline but still in the queue; `wrap_up` with
 * reason `after_call_work`: after-call work); pause reasons are our codes or Asterisk's own
 * `Auto-Pause` (a call rang out here).
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
