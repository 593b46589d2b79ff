/**
 * How one domain call event changes a call record: pure, so that the rules are tested
 * without a database. Events may arrive late or twice (a replay after a reconnect); the
 * rules are idempotent and never move a call backwards (an ended call stays ended).
 *
 * Rules learnt on a real Asterisk 22 (issue 11):
 * - "rung" is not "answered by": ringing sets `lastRungInterface`; only an answer sets `agentInterface`.
 * - A transfer ends the centre's part of the call at the moment of transfer: talk time runs to it,
 *   and the AgentComplete that a real PBX sends only when the transferred caller finally hangs up
 *   (with a talk time that includes the time at the target) changes nothing.
 * - A caller who leaves the queue still on the line (queue timeout, no agents) is not an abandon:
 *   the dialplan's YixianOverflow says why, and turns Asterisk's QueueCallerAbandon into
 *   `timeout` or `overflow`. An after-hours call never joins the queue: the overflow event creates it.
 * - An AgentComplete that arrives first (its AgentConnect was lost) still makes an answered call:
 *   answer = end − talk, entered = answer − hold.
 * - Events rebuilt by a resync are `estimated`: they fill gaps and never move a time already known.
 */
import { recordingPathFor } from '../recordings/recording-path.js';

export type CallState = 'offered' | 'ringing' | 'answered' | 'completed' | 'abandoned' | 'transferred' | 'timeout' | 'overflow';

export interface CallSnapshot {
  state: CallState;
  enteredAt: Date;
  ringAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  agentInterface: string | null;
  lastRungInterface?: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  abandonPosition: number | null;
  originalPosition: number | null;
  hangupBy: string | null;
  hotlineNumber: string;
  transferTarget?: string | null;
  overflowReason?: string | null;
  callbackRequestedAt?: Date | null;
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
  reason?: string | null;
  target?: string | null;
  estimated?: boolean;
}

const RANK: Record<CallState, number> = { offered: 0, ringing: 1, answered: 2, transferred: 3, completed: 3, abandoned: 3, timeout: 3, overflow: 3 };
const isEnded = (state: CallState) => RANK[state] === 3;
const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** The state a caller who left the queue still on the line is in, by the dialplan's reason. */
function overflowState(reason: string | null | undefined): 'timeout' | 'overflow' {
  return reason === 'timeout' ? 'timeout' : 'overflow';
}

/** The fields to write; an empty object when the event changes nothing. */
export function mergeCallEvent(call: CallSnapshot, event: IncomingCallEvent): Partial<CallSnapshot> {
  const at = new Date(event.at);
  const patch: Partial<CallSnapshot> = {};
  if (event.hotline && call.hotlineNumber === '') patch.hotlineNumber = event.hotline;
  if (at < call.enteredAt && event.kind === 'call.offered' && !event.estimated) patch.enteredAt = at;
  const advance = (state: CallState) => {
    if (RANK[state] > RANK[call.state]) patch.state = state;
  };
  switch (event.kind) {
    case 'call.ringing':
      if (!call.ringAt) patch.ringAt = at;
      if (!isEnded(call.state) && event.agent) patch.lastRungInterface = event.agent.interface;
      advance('ringing');
      break;
    case 'call.answered':
      if (!call.answeredAt) {
        patch.answeredAt = at;
        patch.waitSeconds = event.holdTime ?? secondsBetween(call.enteredAt, at);
        if (event.agent) patch.agentInterface = event.agent.interface;
        if (event.agent && !call.lastRungInterface) patch.lastRungInterface = event.agent.interface;
        const recordingFile = event.linkedid ? recordingPathFor(event.linkedid, at) : null;
        if (recordingFile) patch.recordingFile = recordingFile;
      }
      advance('answered');
      break;
    case 'call.completed':
      if (call.state === 'transferred') {
        // The transferred caller hung up at the target: the centre's part ended at the transfer.
        if (!call.agentInterface && event.agent) patch.agentInterface = event.agent.interface;
        break;
      }
      if (!isEnded(call.state)) {
        patch.state = 'completed';
        patch.endedAt = at;
        patch.talkSeconds = event.talkTime ?? (call.answeredAt ? secondsBetween(call.answeredAt, at) : null);
        patch.hangupBy = event.reason ?? null;
        if (!call.answeredAt) {
          // Its AgentConnect never reached us (a link cut, a PBX restart): rebuild the answer.
          const answeredAt = new Date(at.getTime() - (event.talkTime ?? 0) * 1000);
          patch.answeredAt = answeredAt;
          if (event.holdTime !== null && event.holdTime !== undefined) {
            patch.waitSeconds = event.holdTime;
            if (call.state === 'offered' && call.ringAt === null) patch.enteredAt = new Date(answeredAt.getTime() - event.holdTime * 1000);
          } else {
            patch.waitSeconds = secondsBetween(call.enteredAt, answeredAt);
          }
        }
        if (event.agent && !call.agentInterface) patch.agentInterface = event.agent.interface;
      }
      break;
    case 'call.abandoned':
      if (!isEnded(call.state)) {
        patch.state = 'abandoned';
        patch.endedAt = at;
        patch.waitSeconds = event.holdTime ?? secondsBetween(call.enteredAt, at);
        patch.abandonPosition = event.position ?? null;
        patch.originalPosition = event.originalPosition ?? null;
        patch.hangupBy = 'caller';
      }
      break;
    case 'call.overflow':
      patch.overflowReason = call.overflowReason ?? event.reason ?? null;
      if (call.state === 'abandoned') {
        // Asterisk says QueueCallerAbandon for a caller who timed out too; the caller is still here.
        patch.state = overflowState(event.reason);
        patch.hangupBy = null;
      } else if (!isEnded(call.state) && !call.answeredAt) {
        patch.state = overflowState(event.reason);
        patch.endedAt = at;
        patch.waitSeconds = secondsBetween(call.enteredAt, at);
      }
      break;
    case 'call.callback_requested':
      if (!call.callbackRequestedAt) patch.callbackRequestedAt = at;
      if (!isEnded(call.state) && !call.answeredAt) {
        patch.state = 'overflow';
        patch.endedAt = at;
        patch.overflowReason = call.overflowReason ?? event.reason ?? null;
      }
      break;
    case 'call.transferred':
      if (call.state !== 'abandoned' && call.state !== 'transferred' && call.state !== 'timeout' && call.state !== 'overflow') {
        const endedAt = call.state === 'completed' && call.endedAt ? call.endedAt : at;
        patch.state = 'transferred';
        patch.endedAt = endedAt;
        patch.transferTarget = event.target ?? call.transferTarget ?? null;
        patch.hangupBy = 'transfer';
        if (call.answeredAt) patch.talkSeconds = secondsBetween(call.answeredAt, endedAt);
        if (event.agent && !call.agentInterface) patch.agentInterface = event.agent.interface;
      }
      break;
    default:
      break;
  }
  for (const key of Object.keys(patch) as (keyof CallSnapshot)[]) {
    const before = call[key];
    const after = patch[key];
    const same = before instanceof Date && after instanceof Date ? before.getTime() === after.getTime() : before === after;
    if (same) delete patch[key];
  }
  return patch;
}
