/**
 * Shared by the drills on a real Asterisk 22 (telephony/live's stage): place a batch of calls on
 * scripted Local-channel agents, and count each call's record against the PBX's own queue_log.
 */
import type { Call } from '@yixian/db';
import type { Live } from '../../../telephony/live/live-harness.js';
import { readPbxView } from '../../../telephony/live/pbx-accounting.js';

const FINAL = ['completed', 'abandoned', 'transferred', 'timeout', 'overflow'];

/** Logs `agents` members in (8001…), each ringing 1 s and talking until hung up. */
export async function staffQueue(live: Live, agents: number): Promise<string[]> {
  const extensions = Array.from({ length: agents }, (_, i) => String(8001 + i));
  for (const ext of extensions) {
    await live.scriptAgent(ext, { ring: 1, talk: 3600 });
    await live.addMember(ext, `坐席 ${ext}`);
  }
  return extensions;
}

export async function placeCalls(live: Live, count: number, prefix: string): Promise<string[]> {
  const linkedids: string[] = [];
  for (let i = 0; i < count; i++) {
    linkedids.push(await live.placeCall({ did: i % 4 === 0 ? '110' : '12345', number: `${prefix}${String(i).padStart(4, '0')}`, patience: 600 }));
  }
  return linkedids;
}

/**
 * Every call must have exactly one record, ended, agreeing with queue_log on the outcome and
 * (within 1.5 s) on the entry, answer and end: returns lost, duplicated and the disagreements.
 */
export async function auditCalls(live: Live, linkedids: string[]): Promise<{ lost: number; duplicated: number; failures: string[] }> {
  // What the link could not carry, the PBX's accounting does: the reconciler runs first, as it
  // does after every reconnect; then no difference may stay open.
  await waitFor(async () => (await live.accounting.pool.query(`SELECT count(DISTINCT data1)::int AS n FROM queue_log q WHERE event = 'YIXIANCALL' AND data1 = ANY($1::text[])
    AND EXISTS (SELECT 1 FROM queue_log e WHERE e.callid = q.callid AND e.event IN ('COMPLETECALLER','COMPLETEAGENT','ABANDON','EXITWITHTIMEOUT','EXITEMPTY','BLINDTRANSFER','ATTENDEDTRANSFER'))`, [linkedids])).rows[0].n as number,
  (n) => n === linkedids.length, 'queue_log to account for every call', 30_000).catch(() => undefined);
  await live.reconcile();
  const open = await live.t.prisma.callDiscrepancy.findMany({ where: { linkedid: { in: linkedids }, resolvedAt: null } });
  const rows = await live.t.prisma.call.findMany({ where: { linkedid: { in: linkedids } } });
  const byLinkedid = new Map<string, Call[]>();
  for (const row of rows) byLinkedid.set(row.linkedid, [...(byLinkedid.get(row.linkedid) ?? []), row]);
  const failures: string[] = open.map((row) => `${row.linkedid}: ${row.field} ${row.yixianValue ?? 'none'}, the PBX ${row.pbxValue ?? 'none'}`);
  let lost = 0;
  let duplicated = 0;
  for (const linkedid of linkedids) {
    const records = byLinkedid.get(linkedid) ?? [];
    if (records.length === 0 || !FINAL.includes(records[0]!.state)) { lost++; continue; }
    duplicated += records.length - 1;
    const call = records[0]!;
    const pbx = await readPbxView(live.accounting.pool, linkedid);
    if (pbx.outcome !== call.state) failures.push(`${linkedid}: ${call.state}, queue_log says ${pbx.outcome}`);
    for (const [what, ours, theirs] of [['entered', call.enteredAt, pbx.enteredAt], ['answered', call.answeredAt, pbx.answeredAt], ['ended', call.endedAt, pbx.endedAt]] as const) {
      if ((ours === null) !== (theirs === null)) failures.push(`${linkedid}: ${what} ${ours?.toISOString() ?? 'none'}, queue_log ${theirs?.toISOString() ?? 'none'}`);
      else if (ours && theirs && Math.abs(ours.getTime() - theirs.getTime()) > 1_500) failures.push(`${linkedid}: ${what} ${ours.toISOString()}, queue_log ${theirs.toISOString()}`);
    }
  }
  return { lost, duplicated, failures };
}

export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const allEnded = (live: Live, linkedids: string[]) => async () =>
  live.t.prisma.call.count({ where: { linkedid: { in: linkedids }, state: { in: FINAL } } });
