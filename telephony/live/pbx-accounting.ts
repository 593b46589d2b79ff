/**
 * The PBX's own account of a call, read the way an auditor would: queue_log (realtime, UTC with
 * microseconds) and the CDR (cdr_pgsql), both written by Asterisk itself. Independent of the
 * product's code on purpose: it is the oracle the live suite judges the product by.
 */
import type pg from 'pg';

export interface QueueLogRow { time: Date; callid: string; agent: string; event: string; data1: string; data2: string; data3: string; data4: string; data5: string }
export interface CdrRow { start: number; answer: number; end: number; clid: string; src: string; dst: string; channel: string; dstchannel: string; uniqueid: string; linkedid: string; userfield: string; disposition: string; lastapp: string }

export interface PbxView {
  hotline: string | null;
  callerNumber: string | null;
  callerName: string | null;
  enteredAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  /** Member name that answered (queue_log names agents by MemberName). */
  answeredBy: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  /** completed | abandoned | timeout | overflow | transferred, from the queue_log's last word. */
  outcome: string | null;
  /** COMPLETECALLER → caller, COMPLETEAGENT → agent. */
  hangupBy: string | null;
  recording: string | null;
  queueLog: QueueLogRow[];
  cdr: CdrRow[];
}

const FINAL: Record<string, string> = {
  COMPLETECALLER: 'completed', COMPLETEAGENT: 'completed', ABANDON: 'abandoned', EXITWITHTIMEOUT: 'timeout',
  EXITEMPTY: 'overflow', EXITWITHKEY: 'overflow', BLINDTRANSFER: 'transferred', ATTENDEDTRANSFER: 'transferred',
};

export async function readPbxView(pool: pg.Pool, linkedid: string): Promise<PbxView> {
  const mapped = await pool.query<{ callid: string; data2: string }>(`SELECT callid, data2 FROM queue_log WHERE event = 'YIXIANCALL' AND data1 = $1`, [linkedid]);
  const callids = mapped.rows.map((row) => row.callid);
  const queueLog = (await pool.query<QueueLogRow>(`SELECT time, callid, agent, event, data1, data2, data3, data4, data5 FROM queue_log WHERE callid = ANY($1::text[]) ORDER BY id`, [callids])).rows;
  const cdr = (await pool.query<CdrRow>(`SELECT start, answer, "end", clid, src, dst, channel, dstchannel, uniqueid, linkedid, userfield, disposition, lastapp FROM cdr WHERE linkedid = $1 ORDER BY id`, [linkedid])).rows;
  const find = (event: string) => queueLog.find((row) => row.event === event) ?? null;
  const enter = find('ENTERQUEUE');
  const connect = find('CONNECT');
  const last = [...queueLog].reverse().find((row) => row.event in FINAL) ?? null;
  const int = (value: string | undefined) => (value === undefined || value === '' ? null : Number(value));
  const callerCdr = cdr.find((row) => row.uniqueid === linkedid) ?? cdr[0] ?? null;
  const name = callerCdr ? /^"(.*)" <.*>$/.exec(callerCdr.clid)?.[1] ?? null : null;
  return {
    hotline: mapped.rows[0]?.data2 || null,
    callerNumber: enter?.data2 || callerCdr?.src || null,
    callerName: name,
    enteredAt: enter?.time ?? null,
    answeredAt: connect?.time ?? null,
    endedAt: last?.time ?? null,
    answeredBy: connect?.agent ?? null,
    waitSeconds: connect ? int(connect.data1) : last && ['ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY'].includes(last.event) ? int(last.data3) : null,
    talkSeconds: last && last.event.startsWith('COMPLETE') ? int(last.data2) : last && last.event.endsWith('TRANSFER') ? int(last.data4) : null,
    outcome: last ? FINAL[last.event]! : null,
    hangupBy: last?.event === 'COMPLETECALLER' ? 'caller' : last?.event === 'COMPLETEAGENT' ? 'agent' : null,
    // The CDR joins party A's and party B's userfield with ';' (";20261204/x.wav" when only B set it).
    recording: cdr.flatMap((row) => row.userfield.split(';')).find((value) => value !== '') ?? null,
    queueLog,
    cdr,
  };
}
