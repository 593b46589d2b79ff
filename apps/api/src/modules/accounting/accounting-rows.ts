/**
 * The PBX's accounting rows as the reconciler reads them (telephony/asterisk/accounting.sql), and
 * the call the PBX saw, derived from them. Asterisk's own names are kept for the rows.
 */

/** One `queue_log` row; `time` is UTC (realtime queue_log with `queue_log_realtime_use_gmt`). */
export interface QueueLogRow {
  time: Date;
  /** The caller channel's Uniqueid (`MANAGER`/`NONE` for member and queue rows). */
  callid: string;
  queuename: string;
  /** The member name (`log_membername_as_agent = yes`), or `NONE`. */
  agent: string;
  event: string;
  data1: string;
  data2: string;
  data3: string;
  data4: string;
  data5: string;
}

/** One `cdr` row (cdr_pgsql); `start`/`answer`/`end` are epoch seconds with microseconds, answer 0 = never. */
export interface CdrRow {
  start: number;
  answer: number;
  end: number;
  clid: string;
  src: string;
  dst: string;
  dcontext: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  disposition: string;
  uniqueid: string;
  linkedid: string;
  userfield: string;
}

/** How the PBX ended the caller's stay in the queue, in Call.state terms. */
export type PbxOutcome = 'completed' | 'abandoned' | 'timeout' | 'overflow' | 'transferred';

/**
 * One call as the PBX's accounting tells it. `null` means the accounting does not say (yet): the
 * CDR of a caller still in voicemail after an overflow is written only when that caller hangs up.
 */
export interface PbxCall {
  linkedid: string;
  /** The caller channel's Uniqueid in queue_log. */
  callid: string;
  queue: string;
  hotlineNumber: string;
  callerNumber: string | null;
  callerName: string | null;
  state: PbxOutcome;
  /** The queue_log event that ended the caller's stay in the queue (`JOINEMPTY` when Queue() refused it). */
  endEvent: string;
  enteredAt: Date;
  ringAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date;
  /** queue_log `agent` of the CONNECT row. */
  memberName: string | null;
  /** The answering phone as a device (`PJSIP/8001`, `Local/8001@agents`), from the CDR's dstchannel. */
  agentDevice: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  hangupBy: 'caller' | 'agent' | 'transfer' | null;
  transferTarget: string | null;
  overflowReason: string | null;
  abandonPosition: number | null;
  originalPosition: number | null;
  recordingFile: string | null;
}
