/**
 * How one domain call event changes a call record: pure, so that the rules are tested
 * without a database. Events may arrive late or twice (a replay after a reconnect); the
 * rules are idempotent and never move a call backwards (an ended call stays ended).
 */
import { recordingPathFor } from '../recordings/recording-path.js';

export type CallState = 'offered' | 'ringing' | 'answered' | 'completed' | 'abandoned' | 'transferred';

export interface CallSnapshot {
  state: CallState;
  enteredAt: Date;
  ringAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  agentInterface: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  abandonPosition: number | null;
  originalPosition: number | null;
  hangupBy: string | null;
  hotlineNumber: string;
  /** `<YYYYMMDD>/<linkedid>.wav` under RECORDINGS_DIR, set on answer (see recordings/recording-path.ts). */
  recordingFile?: string | null;
}

export interface IncomingCallEvent {
  kind: string;
  linkedid?: string;
  at: string;
  hotline?: string | null;
  agent?: { interface: string } | null;
  holdTime?: number | null;
  talkTime?: number | null;
  position?: number | null;
  originalPosition?: number | null;
  reason?: string;
}

const RANK: Record<CallState, number> = { offered: 0, ringing: 1, answered: 2, transferred: 3, completed: 3, abandoned: 3 };
const isEnded = (state: CallState) => RANK[state] === 3;

/** The fields to write; an empty object when the event changes nothing. */
export function mergeCallEvent(call: CallSnapshot, event: IncomingCallEvent): Partial<CallSnapshot> {
  const at = new Date(event.at);
  const patch: Partial<CallSnapshot> = {};
  if (event.hotline && call.hotlineNumber === '') patch.hotlineNumber = event.hotline;
  if (at < call.enteredAt && event.kind === 'call.offered') patch.enteredAt = at;
  const advance = (state: CallState) => {
    if (RANK[state] > RANK[call.state]) patch.state = state;
  };
  switch (event.kind) {
    case 'call.ringing':
      if (!call.ringAt) patch.ringAt = at;
      if (!isEnded(call.state) && !call.answeredAt && event.agent) patch.agentInterface = event.agent.interface;
      advance('ringing');
      break;
    case 'call.answered':
      if (!call.answeredAt) {
        patch.answeredAt = at;
        patch.waitSeconds = event.holdTime ?? Math.max(0, Math.round((at.getTime() - call.enteredAt.getTime()) / 1000));
        if (event.agent) patch.agentInterface = event.agent.interface;
        const recordingFile = event.linkedid ? recordingPathFor(event.linkedid, at) : null;
        if (recordingFile) patch.recordingFile = recordingFile;
      }
      advance('answered');
      break;
    case 'call.completed':
      if (!isEnded(call.state) || call.state === 'transferred') {
        patch.endedAt = call.endedAt ?? at;
        patch.talkSeconds = event.talkTime ?? null;
        patch.hangupBy = event.reason ?? null;
        if (call.state !== 'transferred') patch.state = 'completed';
      }
      break;
    case 'call.abandoned':
      if (!isEnded(call.state)) {
        patch.state = 'abandoned';
        patch.endedAt = at;
        patch.waitSeconds = event.holdTime ?? Math.max(0, Math.round((at.getTime() - call.enteredAt.getTime()) / 1000));
        patch.abandonPosition = event.position ?? null;
        patch.originalPosition = event.originalPosition ?? null;
      }
      break;
    case 'call.transferred':
      if (call.state !== 'abandoned' && call.state !== 'transferred') patch.state = 'transferred';
      break;
    default:
      break;
  }
  return patch;
}
