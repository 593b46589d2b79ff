/**
 * The PBX's view of one call, derived from its queue_log and CDR rows: pure, so that it is tested
 * on rows captured from a real Asterisk 22 (fixtures/pbx-accounting.json).
 *
 * Protocol notes (app_queue.c of 22.10.1, checked against the capture):
 * - The dialplan writes `YIXIANCALL` (data1 = Linkedid, data2 = hotline) before every Queue(); the
 *   queue's rows carry the caller channel's Uniqueid as callid. A Queue() refused at once (no
 *   member at all: JOINEMPTY) logs nothing else.
 * - ENTERQUEUE url|callernum|position · CONNECT holdtime|member uniqueid|ringtime ·
 *   COMPLETECALLER/COMPLETEAGENT holdtime|talktime|position · ABANDON, EXITWITHTIMEOUT, EXITEMPTY
 *   position|origposition|waittime · BLINDTRANSFER exten|context|holdtime|talktime|position ·
 *   ATTENDEDTRANSFER <method|target…>|holdtime|talktime|position (the target holds `|` too, so read
 *   from the end).
 * - Only the first stay in the queue counts (a call sent back to the queue by a transfer keeps the
 *   outcome of its first stay, as the call record does).
 * - The answering member's phone is the caller channel's CDR dstchannel during Queue(); its
 *   recording path is that row's userfield, set on the agent's leg (party B), so Asterisk writes it
 *   as `<party A's>;<party B's>`.
 */
import type { CdrRow, PbxCall, PbxOutcome, QueueLogRow } from './accounting-rows.js';

const END_EVENTS: Record<string, { state: PbxOutcome; hangupBy: PbxCall['hangupBy']; overflowReason: string | null }> = {
  COMPLETECALLER: { state: 'completed', hangupBy: 'caller', overflowReason: null },
  COMPLETEAGENT: { state: 'completed', hangupBy: 'agent', overflowReason: null },
  ABANDON: { state: 'abandoned', hangupBy: null, overflowReason: null },
  EXITWITHTIMEOUT: { state: 'timeout', hangupBy: null, overflowReason: 'timeout' },
  EXITEMPTY: { state: 'overflow', hangupBy: null, overflowReason: 'leaveempty' },
  BLINDTRANSFER: { state: 'transferred', hangupBy: 'transfer', overflowReason: null },
  ATTENDEDTRANSFER: { state: 'transferred', hangupBy: 'transfer', overflowReason: null },
};

/** queue_log events that end a caller's stay in the queue. */
export const QUEUE_END_EVENTS = Object.keys(END_EVENTS);

const toInt = (value: string | undefined): number | null => {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  return Number(value.trim());
};

/**
 * A channel name or queue interface reduced to the phone it stands for:
 * `PJSIP/8001-0000001a` and `PJSIP/8001` → `PJSIP/8001`;
 * `Local/8001@agents-00000001;1` and `Local/8001@agents/n` → `Local/8001@agents`.
 */
export function deviceOf(nameOrInterface: string): string {
  let device = nameOrInterface.trim().replace(/;\d+$/, '').replace(/-[0-9a-f]{8}$/i, '');
  if (device.startsWith('Local/')) device = device.replace(/^(Local\/[^/]+)\/.*$/, '$1');
  return device;
}

/** `"张三" <13800001111>` → 张三; no name (`""`, `<unknown>`) → null. */
export function callerNameOf(clid: string): string | null {
  const match = /^"(.*)"\s*<[^>]*>$/.exec(clid.trim());
  const name = (match ? match[1]! : '').replace(/\\(.)/g, '$1').trim();
  return name && name !== '<unknown>' ? name : null;
}

/** The recording path from a CDR userfield (`;20261204/<linkedid>.wav` or the path alone). */
export function recordingOf(userfield: string): string | null {
  const parts = userfield.split(';').map((part) => part.trim()).filter(Boolean);
  return parts.find((part) => part.endsWith('.wav')) ?? null;
}

/** Hold, talk and position: the last three fields of a transfer row, whatever the target held. */
function lastThree(row: QueueLogRow): [number | null, number | null, number | null] {
  const fields = [row.data1, row.data2, row.data3, row.data4, row.data5].join('|').split('|').filter((field) => field !== '');
  const [hold, talk, position] = fields.slice(-3);
  return [toInt(hold), toInt(talk), toInt(position)];
}

function callerCdr(cdr: CdrRow[], callid: string, linkedid: string): CdrRow | undefined {
  return cdr.find((row) => row.uniqueid === callid) ?? cdr.find((row) => row.uniqueid === linkedid) ?? cdr[0];
}

/** The caller's CDR row of the Queue() that was answered: the last one that began before the CONNECT. */
function answeredCdr(cdr: CdrRow[], callid: string, connectedAt: Date): CdrRow | undefined {
  // The member's row began (its dial) before queue_log's CONNECT; rows of later parties (seen live
  // after an attended transfer: the consultation leg, then the target) begin after it.
  const rows = cdr
    .filter((row) => row.uniqueid === callid && row.lastapp === 'Queue' && row.dstchannel !== '' && row.start * 1000 <= connectedAt.getTime() + 250)
    .sort((a, b) => a.start - b.start);
  return rows[rows.length - 1];
}

/**
 * The PBX's view of the call `linkedid`, or null while the caller is still in the queue (or the
 * rows hold no YIXIANCALL for it). `queueLog` holds the rows of every callid mapped to the call,
 * `cdr` every CDR row with its Linkedid; both in any order.
 */
export function derivePbxCall(linkedid: string, queueLog: QueueLogRow[], cdr: CdrRow[]): PbxCall | null {
  const rows = [...queueLog].sort((a, b) => a.time.getTime() - b.time.getTime());
  const mark = rows.find((row) => row.event === 'YIXIANCALL' && row.data1 === linkedid);
  if (!mark) return null;
  const callid = mark.callid;
  const own = rows.filter((row) => row.callid === callid && row.time >= mark.time);
  const enter = own.find((row) => row.event === 'ENTERQUEUE');
  const caller = callerCdr(cdr, callid, linkedid);
  const base = {
    linkedid, callid, queue: mark.queuename, hotlineNumber: mark.data2,
    callerNumber: caller?.src || enter?.data2 || null,
    callerName: caller ? callerNameOf(caller.clid) : null,
  };
  const none = {
    ringAt: null, answeredAt: null, memberName: null, agentDevice: null, talkSeconds: null, hangupBy: null,
    transferTarget: null, abandonPosition: null, originalPosition: null, recordingFile: null,
  };
  if (!enter) {
    // Queue() refused the caller at once (JOINEMPTY / JOINUNAVAIL): nothing but the mark; why is not logged.
    return { ...base, ...none, state: 'overflow', endEvent: 'JOINEMPTY', enteredAt: mark.time, endedAt: mark.time, waitSeconds: 0, overflowReason: null };
  }
  const after = own.filter((row) => row.time >= enter.time);
  const end = after.find((row) => row.event in END_EVENTS);
  if (!end) return null;
  const connect = after.find((row) => row.event === 'CONNECT' && row.time <= end.time);
  const rule = END_EVENTS[end.event]!;
  let waitSeconds: number | null;
  let talkSeconds: number | null = null;
  let transferTarget: string | null = null;
  let abandonPosition: number | null = null;
  let originalPosition: number | null = null;
  switch (end.event) {
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      waitSeconds = toInt(end.data1);
      talkSeconds = toInt(end.data2);
      break;
    case 'BLINDTRANSFER':
      waitSeconds = toInt(end.data3);
      talkSeconds = toInt(end.data4);
      transferTarget = end.data2 ? `${end.data1}@${end.data2}` : end.data1 || null;
      break;
    case 'ATTENDEDTRANSFER':
      [waitSeconds, talkSeconds] = lastThree(end);
      break;
    default:
      waitSeconds = toInt(end.data3);
      if (end.event === 'ABANDON') {
        abandonPosition = toInt(end.data1);
        originalPosition = toInt(end.data2);
      }
  }
  if (connect) waitSeconds = toInt(connect.data1) ?? waitSeconds;
  const answeredAt = connect?.time ?? null;
  const ringSeconds = connect ? toInt(connect.data3) : null;
  const answeredRow = answeredAt ? answeredCdr(cdr, callid, answeredAt) : undefined;
  return {
    ...base,
    state: rule.state,
    endEvent: end.event,
    enteredAt: enter.time,
    ringAt: answeredAt && ringSeconds !== null ? new Date(answeredAt.getTime() - ringSeconds * 1000) : null,
    answeredAt,
    endedAt: end.time,
    memberName: connect && connect.agent !== 'NONE' ? connect.agent : null,
    agentDevice: answeredRow ? deviceOf(answeredRow.dstchannel) : null,
    waitSeconds,
    talkSeconds: connect ? talkSeconds : null,
    hangupBy: rule.hangupBy,
    transferTarget,
    overflowReason: rule.overflowReason,
    abandonPosition,
    originalPosition,
    recordingFile: answeredRow ? recordingOf(answeredRow.userfield) : null,
  };
}
