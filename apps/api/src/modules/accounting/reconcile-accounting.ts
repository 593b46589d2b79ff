/**
 * One reconcile run: the PBX's accounting of the last 24 h against Yixian's call records.
 * - A call the PBX has and Yixian has not (it began and ended while no bridge was connected) is
 *   created with `source = 'accounting'` and counted in its rollup.
 * - A call closed by a resync takes the PBX's end, outcome, talk and who hung up.
 * - Every other difference is kept in `call_discrepancy` until the two agree again.
 * Calls that ended less than CUTOFF_MS ago are left for the next run: their events may still be
 * on their way through the bridge. Idempotent: a second run over the same rows writes nothing new.
 */
import type { Call, PrismaClient } from '@yixian/db';
import type { WorkerContext } from '../../jobs/worker-context.js';
import { recordCallRollup, startOfHour } from '../statistics/call-rollup.js';
import type { PbxCall } from './accounting-rows.js';
import { compareCall, correctionsFor, type CallRecord } from './compare-call.js';
import { derivePbxCall } from './derive-pbx-call.js';
import { readAccounting } from './read-accounting.js';
import { findOpenDiscrepancies, recordDiscrepancies, type OpenDiscrepancy } from './record-discrepancies.js';
import type { ReconcileSummary } from './reconciler-status.js';
import { interfaceForDevice } from './interface-for-device.js';

export const WINDOW_MS = 24 * 3600_000;
export const CUTOFF_MS = 10_000;
const BATCH = 500;

/** What one run carries from call to call: its counts, hotline ids, the rollup buckets to recount. */
interface Run {
  now: Date;
  summary: ReconcileSummary;
  hotlineIds: Map<string, string | null>;
  buckets: Map<string, { enteredAt: Date; hotlineNumber: string; state: string }>;
}

const touch = (run: Run, call: { enteredAt: Date; hotlineNumber: string; state: string }) =>
  run.buckets.set(`${startOfHour(call.enteredAt).toISOString()}|${call.hotlineNumber}`, call);

/** Creates the call the PBX has and Yixian has not; false when another writer created it first. */
async function createCallFromAccounting(prisma: PrismaClient, run: Run, pbx: PbxCall, pbxId: string, agentInterface: string | null): Promise<boolean> {
  if (!run.hotlineIds.has(pbx.hotlineNumber)) {
    const hotline = pbx.hotlineNumber ? await prisma.hotline.findUnique({ where: { number: pbx.hotlineNumber }, select: { id: true } }) : null;
    run.hotlineIds.set(pbx.hotlineNumber, hotline?.id ?? null);
  }
  const { count } = await prisma.call.createMany({
    data: [{
      linkedid: pbx.linkedid, pbxId, hotlineId: run.hotlineIds.get(pbx.hotlineNumber) ?? null, hotlineNumber: pbx.hotlineNumber,
      callerNumber: pbx.callerNumber ?? 'unknown', callerName: pbx.callerName, queue: pbx.queue || 'hotline', state: pbx.state,
      agentInterface, lastRungInterface: agentInterface, enteredAt: pbx.enteredAt, ringAt: pbx.ringAt, answeredAt: pbx.answeredAt,
      endedAt: pbx.endedAt, waitSeconds: pbx.waitSeconds, talkSeconds: pbx.talkSeconds, abandonPosition: pbx.abandonPosition,
      originalPosition: pbx.originalPosition, hangupBy: pbx.hangupBy, recordingFile: pbx.recordingFile,
      transferTarget: pbx.transferTarget, overflowReason: pbx.overflowReason, source: 'accounting',
    }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** One call: created when Yixian lacks it, corrected when a resync closed it, then compared. */
async function reconcileCall(context: WorkerContext, run: Run, pbx: PbxCall, known: Call | null, open: OpenDiscrepancy[]): Promise<void> {
  const { prisma, config } = context;
  const agentInterface = pbx.agentDevice ? interfaceForDevice(pbx.agentDevice, config.agentInterfaceTemplate) : null;
  if (!known && (await createCallFromAccounting(prisma, run, pbx, config.pbxId, agentInterface))) {
    run.summary.created += 1;
    touch(run, pbx);
    return;
  }
  // Lost the race to the bridge's worker (or another reconcile): compare with that record instead.
  let call = known ?? (await prisma.call.findUniqueOrThrow({ where: { linkedid: pbx.linkedid } }));
  const corrections = correctionsFor(call as CallRecord, pbx, agentInterface);
  if (Object.keys(corrections).length > 0) {
    call = await prisma.call.update({ where: { id: call.id }, data: corrections });
    run.summary.corrected += 1;
    touch(run, call);
  }
  const result = await recordDiscrepancies(prisma, call, compareCall(call as CallRecord, pbx), open, run.now);
  run.summary.opened += result.opened;
  run.summary.resolved += result.resolved;
}

/** Runs one reconciliation at the context's clock; the summary is what the health page shows. */
export async function reconcileAccounting(context: WorkerContext, accountingUrl: string): Promise<ReconcileSummary> {
  const { prisma, clock } = context;
  const started = Date.now();
  const now = clock.now();
  const cutoff = now.getTime() - CUTOFF_MS;
  const rows = await readAccounting(accountingUrl, { from: new Date(now.getTime() - WINDOW_MS), to: now });
  const pbxCalls = rows
    .map((call) => derivePbxCall(call.linkedid, call.queueLog, call.cdr))
    .filter((call): call is PbxCall => call !== null && call.endedAt.getTime() <= cutoff);
  const summary: ReconcileSummary = { calls: pbxCalls.length, created: 0, corrected: 0, opened: 0, resolved: 0, open: 0, ms: 0 };
  const run: Run = { now, summary, hotlineIds: new Map(), buckets: new Map() };
  // In batches: a day of a busy centre is thousands of calls, more than one IN list should carry.
  for (let first = 0; first < pbxCalls.length; first += BATCH) {
    const batch = pbxCalls.slice(first, first + BATCH);
    const linkedids = batch.map((call) => call.linkedid);
    const known = new Map((await prisma.call.findMany({ where: { linkedid: { in: linkedids } } })).map((call) => [call.linkedid, call]));
    const openRows = await findOpenDiscrepancies(prisma, linkedids);
    for (const pbx of batch) await reconcileCall(context, run, pbx, known.get(pbx.linkedid) ?? null, openRows.get(pbx.linkedid) ?? []);
  }
  // Each (hour, hotline) bucket a created or corrected call falls in, recounted once.
  for (const call of run.buckets.values()) await recordCallRollup(prisma, call);
  summary.open = await prisma.callDiscrepancy.count({ where: { resolvedAt: null } });
  summary.ms = Date.now() - started;
  return summary;
}
