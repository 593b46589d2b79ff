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
import { recordCallRollup } from '../statistics/call-rollup.js';
import type { PbxCall } from './accounting-rows.js';
import { compareCall, correctionsFor, type CallRecord } from './compare-call.js';
import { derivePbxCall } from './derive-pbx-call.js';
import { readAccounting } from './read-accounting.js';
import { findOpenDiscrepancies, recordDiscrepancies } from './record-discrepancies.js';
import type { ReconcileSummary } from './reconciler-status.js';
import { interfaceForDevice } from './interface-for-device.js';

export const WINDOW_MS = 24 * 3600_000;
export const CUTOFF_MS = 10_000;

async function createCallFromAccounting(prisma: PrismaClient, pbx: PbxCall, pbxId: string, agentInterface: string | null): Promise<Call | null> {
  const hotline = pbx.hotlineNumber ? await prisma.hotline.findUnique({ where: { number: pbx.hotlineNumber }, select: { id: true } }) : null;
  const { count } = await prisma.call.createMany({
    data: [{
      linkedid: pbx.linkedid, pbxId, hotlineId: hotline?.id ?? null, hotlineNumber: pbx.hotlineNumber,
      callerNumber: pbx.callerNumber ?? 'unknown', callerName: pbx.callerName, queue: pbx.queue || 'hotline', state: pbx.state,
      agentInterface, lastRungInterface: agentInterface, enteredAt: pbx.enteredAt, ringAt: pbx.ringAt, answeredAt: pbx.answeredAt,
      endedAt: pbx.endedAt, waitSeconds: pbx.waitSeconds, talkSeconds: pbx.talkSeconds, abandonPosition: pbx.abandonPosition,
      originalPosition: pbx.originalPosition, hangupBy: pbx.hangupBy, recordingFile: pbx.recordingFile,
      transferTarget: pbx.transferTarget, overflowReason: pbx.overflowReason, source: 'accounting',
    }],
    skipDuplicates: true,
  });
  // Lost the race to the bridge's worker (or another reconcile): compare with that record instead.
  return count === 1 ? prisma.call.findUnique({ where: { linkedid: pbx.linkedid } }) : null;
}

/** Runs one reconciliation at the context's clock; the summary is what the health page shows. */
export async function reconcileAccounting(context: WorkerContext, accountingUrl: string): Promise<ReconcileSummary> {
  const { prisma, config, clock } = context;
  const started = Date.now();
  const now = clock.now();
  const cutoff = now.getTime() - CUTOFF_MS;
  const rows = await readAccounting(accountingUrl, { from: new Date(now.getTime() - WINDOW_MS), to: now });
  const pbxCalls = rows
    .map((call) => derivePbxCall(call.linkedid, call.queueLog, call.cdr))
    .filter((call): call is PbxCall => call !== null && call.endedAt.getTime() <= cutoff);
  const linkedids = pbxCalls.map((call) => call.linkedid);
  const known = new Map((await prisma.call.findMany({ where: { linkedid: { in: linkedids } } })).map((call) => [call.linkedid, call]));
  const openRows = await findOpenDiscrepancies(prisma, linkedids);
  const summary: ReconcileSummary = { calls: pbxCalls.length, created: 0, corrected: 0, opened: 0, resolved: 0, open: 0, ms: 0 };

  for (const pbx of pbxCalls) {
    const agentInterface = pbx.agentDevice ? interfaceForDevice(pbx.agentDevice, config.agentInterfaceTemplate) : null;
    let call = known.get(pbx.linkedid) ?? null;
    if (!call) {
      const created = await createCallFromAccounting(prisma, pbx, config.pbxId, agentInterface);
      if (created) {
        summary.created += 1;
        await recordCallRollup(prisma, created);
        continue;
      }
      call = await prisma.call.findUniqueOrThrow({ where: { linkedid: pbx.linkedid } });
    }
    const corrections = correctionsFor(call as CallRecord, pbx, agentInterface);
    if (Object.keys(corrections).length > 0) {
      call = await prisma.call.update({ where: { id: call.id }, data: corrections });
      summary.corrected += 1;
      await recordCallRollup(prisma, call);
    }
    const result = await recordDiscrepancies(prisma, call, compareCall(call as CallRecord, pbx), openRows.get(pbx.linkedid) ?? [], now);
    summary.opened += result.opened;
    summary.resolved += result.resolved;
  }
  summary.open = await prisma.callDiscrepancy.count({ where: { resolvedAt: null } });
  summary.ms = Date.now() - started;
  return summary;
}
