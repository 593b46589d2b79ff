/**
 * Judging one call against the PBX's own accounting: one record, hotline, number, name,
 * entered / answered / ended within 1.5 s, wait and talk within 1 s, outcome, who answered,
 * transfer target, recording.
 */
import { expect } from 'vitest';
import type { Call } from '@yixian/db';
import { FINAL_CALL_STATES } from '@yixian/domain';
import { eventually, type Live } from './live-harness.js';
import { readPbxView, type PbxView } from './pbx-accounting.js';

export interface Expected {
  state: string;
  hotline: string;
  number: string;
  name?: string | null;
  /** The member interface that answered, or null for none. */
  answeredBy?: string | null;
  /** queue_log's MemberName of who answered. */
  answeredByName?: string | null;
  /** What queue_log says (default: the same as `state`). */
  pbxOutcome?: string;
  transferTarget?: string | null;
  recorded?: boolean;
}

const TIME_TOLERANCE_MS = 1_500;
const DURATION_TOLERANCE_S = 1;

function near(ours: Date | null, theirs: Date | null, what: string): void {
  if (theirs === null) {
    expect(ours, `${what}: the PBX has none`).toBeNull();
    return;
  }
  expect(ours, `${what}: the PBX has ${theirs.toISOString()}`).not.toBeNull();
  expect(Math.abs(ours!.getTime() - theirs.getTime()), `${what}: ours ${ours!.toISOString()} vs PBX ${theirs.toISOString()}`).toBeLessThanOrEqual(TIME_TOLERANCE_MS);
}

function within(ours: number | null, theirs: number | null, what: string): void {
  if (theirs === null) return;
  expect(ours, `${what}: the PBX says ${theirs}`).not.toBeNull();
  expect(Math.abs(ours! - theirs), `${what}: ours ${ours} vs PBX ${theirs}`).toBeLessThanOrEqual(DURATION_TOLERANCE_S);
}

/** Waits for the call to end in both places, then compares them; returns both for further checks. */
export async function expectAgreesWithPbx(live: Live, linkedid: string, expected: Expected): Promise<{ call: Call; pbx: PbxView }> {
  await live.callWhen(linkedid, (c) => (FINAL_CALL_STATES as readonly string[]).includes(c.state), 'a final state');
  const pbx = await eventually(() => readPbxView(live.accounting.pool, linkedid), (view) => view.outcome !== null && view.cdr.length > 0, `queue_log's last word on ${linkedid}`);
  // The reconciler compares the record with the same accounting: no difference may remain open.
  await live.reconcile();
  const open = await live.t.prisma.callDiscrepancy.findMany({ where: { linkedid, resolvedAt: null }, select: { field: true, yixianValue: true, pbxValue: true } });
  expect(open, `differences the reconciler found; the PBX's CDR: ${JSON.stringify(pbx.cdr.map((row) => [row.uniqueid, row.channel, row.dstchannel, row.lastapp, row.start, row.answer]))}`).toEqual([]);
  const call = (await live.t.prisma.call.findUnique({ where: { linkedid } }))!;
  expect(await live.t.prisma.call.count({ where: { linkedid } })).toBe(1);
  expect(call.state).toBe(expected.state);
  expect(pbx.outcome).toBe(expected.pbxOutcome ?? expected.state);
  expect(call.hotlineNumber).toBe(expected.hotline);
  expect(pbx.hotline).toBe(expected.hotline);
  expect(call.callerNumber).toBe(expected.number);
  expect(pbx.callerNumber).toBe(expected.number);
  if (expected.name !== undefined) expect(call.callerName).toBe(expected.name);
  near(call.enteredAt, pbx.enteredAt, 'entered');
  near(call.answeredAt, pbx.answeredAt, 'answered');
  within(call.waitSeconds, pbx.waitSeconds, 'wait');
  if (call.state === 'transferred') {
    // queue_log ends a Redirect-transferred call only when the caller leaves the target.
    expect(call.endedAt!.getTime()).toBeLessThanOrEqual(pbx.endedAt!.getTime() + TIME_TOLERANCE_MS);
    expect(call.transferTarget).toBe(expected.transferTarget);
  } else {
    near(call.endedAt, pbx.endedAt, 'ended');
    within(call.talkSeconds, pbx.talkSeconds, 'talk');
    if (pbx.hangupBy) expect(call.hangupBy).toBe(pbx.hangupBy);
  }
  if (expected.answeredBy !== undefined) expect(call.agentInterface).toBe(expected.answeredBy);
  if (expected.answeredByName !== undefined) expect(pbx.answeredBy).toBe(expected.answeredByName);
  if (expected.recorded) {
    expect(call.recordingFile).toMatch(new RegExp(`^\\d{8}/${linkedid.replace(/[.]/g, '\\.')}\\.wav$`));
    expect(pbx.recording).toBe(call.recordingFile);
  }
  return { call, pbx };
}
