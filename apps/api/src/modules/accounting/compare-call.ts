/**
 * Yixian's call record against the PBX's view of the same call: pure. Times agree within ±1.5 s
 * (queue_log and AMI Timestamps are both the PBX's clock, but written at slightly different
 * moments), durations within ±1 s (both whole seconds, truncated at different instants). A field
 * the accounting does not know (null on the PBX side) is not compared.
 */
import type { PbxCall } from './accounting-rows.js';
import { deviceOf } from './derive-pbx-call.js';

export const TIME_TOLERANCE_MS = 1500;
export const DURATION_TOLERANCE_S = 1;

/** The fields of a Call the reconciler reads and may write. */
export interface CallRecord {
  state: string;
  hotlineNumber: string;
  callerNumber: string;
  enteredAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  agentInterface: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  hangupBy: string | null;
  recordingFile: string | null;
  overflowReason: string | null;
  transferTarget: string | null;
  abandonPosition?: number | null;
  originalPosition?: number | null;
  resynced: boolean;
}

export type ComparedField =
  | 'hotlineNumber' | 'callerNumber' | 'state' | 'enteredAt' | 'answeredAt' | 'endedAt' | 'agentInterface'
  | 'waitSeconds' | 'talkSeconds' | 'hangupBy' | 'recordingFile' | 'overflowReason' | 'transferTarget';

export interface FieldDifference {
  field: ComparedField;
  /** Both sides as text (ISO time, seconds, state); null = none recorded. */
  yixian: string | null;
  pbx: string | null;
}

const text = (value: Date | number | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString() : String(value);

const timesAgree = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : Math.abs(a.getTime() - b.getTime()) <= TIME_TOLERANCE_MS);
const secondsAgree = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= DURATION_TOLERANCE_S);

/**
 * The documented exception: a transfer the bridge made with AMI Redirect is `transferred` in Yixian
 * at the moment of transfer, while queue_log logs COMPLETECALLER only when the redirected caller
 * finally hangs up (its talk time includes the time at the target).
 */
export function isRedirectTransfer(call: CallRecord, pbx: PbxCall): boolean {
  // queue_log's COMPLETECALLER comes when the redirected caller's queue channel is done: at the
  // final hang-up, or (seen live) as soon as the target answers; never before the transfer.
  return call.state === 'transferred' && pbx.endEvent === 'COMPLETECALLER'
    && (call.endedAt === null || pbx.endedAt.getTime() >= call.endedAt.getTime() - TIME_TOLERANCE_MS);
}

/** Every field on which the two disagree beyond the tolerances; empty when they agree. */
export function compareCall(call: CallRecord, pbx: PbxCall): FieldDifference[] {
  const differences: FieldDifference[] = [];
  const differ = (field: ComparedField, yixian: Date | number | string | null, theirs: Date | number | string | null) =>
    differences.push({ field, yixian: text(yixian), pbx: text(theirs) });

  if (pbx.hotlineNumber && call.hotlineNumber !== pbx.hotlineNumber) differ('hotlineNumber', call.hotlineNumber, pbx.hotlineNumber);
  if (pbx.callerNumber && call.callerNumber !== pbx.callerNumber) differ('callerNumber', call.callerNumber, pbx.callerNumber);
  if (!timesAgree(call.enteredAt, pbx.enteredAt)) differ('enteredAt', call.enteredAt, pbx.enteredAt);
  if (!timesAgree(call.answeredAt, pbx.answeredAt)) differ('answeredAt', call.answeredAt, pbx.answeredAt);
  // Agent: only the answering phone; a member name is not an interface.
  const yixianAgent = pbx.answeredAt ? call.agentInterface : null;
  if (pbx.agentDevice && (yixianAgent === null || deviceOf(yixianAgent) !== pbx.agentDevice)) differ('agentInterface', yixianAgent, pbx.agentDevice);
  // An unanswered call has nobody in "answered by" (a member who only rang is lastRungInterface).
  if (!pbx.answeredAt && call.agentInterface !== null) differ('agentInterface', call.agentInterface, null);
  if (pbx.waitSeconds !== null && !secondsAgree(call.waitSeconds, pbx.waitSeconds)) differ('waitSeconds', call.waitSeconds, pbx.waitSeconds);
  if (pbx.recordingFile && call.recordingFile !== pbx.recordingFile) differ('recordingFile', call.recordingFile, pbx.recordingFile);
  if (isRedirectTransfer(call, pbx)) return differences;

  if (call.state !== pbx.state) differ('state', call.state, pbx.state);
  if (!timesAgree(call.endedAt, pbx.endedAt)) differ('endedAt', call.endedAt, pbx.endedAt);
  if (pbx.talkSeconds !== null && !secondsAgree(call.talkSeconds, pbx.talkSeconds)) differ('talkSeconds', call.talkSeconds, pbx.talkSeconds);
  if (pbx.hangupBy && call.hangupBy !== pbx.hangupBy) differ('hangupBy', call.hangupBy, pbx.hangupBy);
  if (pbx.overflowReason && call.overflowReason !== pbx.overflowReason) differ('overflowReason', call.overflowReason, pbx.overflowReason);
  if (pbx.transferTarget) {
    const exten = (target: string | null) => target?.split('@')[0] ?? null;
    if (exten(call.transferTarget) !== exten(pbx.transferTarget)) differ('transferTarget', call.transferTarget, pbx.transferTarget);
  }
  return differences;
}

/**
 * What a call closed by Yixian's resync takes from the accounting (the PBX's own clock): its end,
 * outcome, talk, wait and who hung up, and the answer and agent where the record has none. Only
 * fields that disagree; empty when there is nothing to correct.
 */
export function correctionsFor(call: CallRecord, pbx: PbxCall, agentInterface: string | null): Partial<Omit<CallRecord, 'resynced'>> {
  if (!call.resynced) return {};
  const patch: Partial<Omit<CallRecord, 'resynced'>> = {};
  // The resync's times are estimates: the PBX's own values replace them, not only beyond the tolerances.
  if (call.state !== pbx.state) patch.state = pbx.state;
  if (call.endedAt?.getTime() !== pbx.endedAt.getTime()) patch.endedAt = pbx.endedAt;
  if (pbx.talkSeconds !== null && call.talkSeconds !== pbx.talkSeconds) patch.talkSeconds = pbx.talkSeconds;
  if (call.hangupBy !== pbx.hangupBy) patch.hangupBy = pbx.hangupBy;
  if (pbx.overflowReason && call.overflowReason === null) patch.overflowReason = pbx.overflowReason;
  if (pbx.transferTarget && call.transferTarget === null) patch.transferTarget = pbx.transferTarget;
  if (call.answeredAt === null && pbx.answeredAt) patch.answeredAt = pbx.answeredAt;
  if (call.agentInterface === null && agentInterface && pbx.answeredAt) patch.agentInterface = agentInterface;
  if (pbx.waitSeconds !== null && call.waitSeconds !== pbx.waitSeconds) patch.waitSeconds = pbx.waitSeconds;
  if (pbx.state === 'abandoned' && call.abandonPosition !== pbx.abandonPosition) patch.abandonPosition = pbx.abandonPosition;
  if (pbx.state === 'abandoned' && call.originalPosition !== pbx.originalPosition) patch.originalPosition = pbx.originalPosition;
  return patch;
}
