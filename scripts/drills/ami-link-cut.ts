/**
 * Drill: the AMI link between bridge and PBX is cut while calls are in progress. During the cut
 * half of the calls end; the PBX's events for them never reach the bridge. After the link comes
 * back, the bridge resyncs and the API closes the calls the PBX no longer has. Every call must
 * end up as exactly one ended call record: none lost, none duplicated.
 */
import { randomInt } from 'node:crypto';
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillData } from './lib/drill-services.js';
import { startCallEventsHarness } from './lib/call-events-harness.js';
import { pause, waitUntil, withTimeout } from './lib/wait-for.js';

const OPEN_STATES = ['offered', 'ringing', 'answered'];
const ENDED_STATES = ['completed', 'abandoned', 'transferred', 'timeout', 'overflow'];

export const amiLinkCutDrill: DrillDefinition = {
  name: 'ami-link-cut',
  summary: 'AMI link cut for 10 s (quick 1 s) with 50 calls in progress: no call record lost or duplicated; resync within 5 s of reconnecting',
  async run({ quick, log }) {
    const calls = 50;
    const cutMs = quick ? 1_000 : 10_000;
    const data = await createDrillData();
    const harness = await startCallEventsHarness(data);
    const { sim, proxy, bridge } = harness;
    const failures: string[] = [];
    try {
      await harness.waitApplied((e) => e.kind === 'pbx.resync', 'the first resync', 30_000);
      const placed = Array.from({ length: calls }, (_, i) =>
        sim.placeCall({ hotline: i % 5 === 0 ? '110' : '12345', callerNumber: `139${String(randomInt(0, 1e8)).padStart(8, '0')}`, patienceS: 3_600, talkS: 3_600 }));
      for (let s = 0; s < 5; s++) sim.tick(1_000);
      await waitUntil(() => placed.every((c) => harness.applied.some((e) => e.kind === 'call.offered' && e.linkedid === c.linkedid)), `${calls} offered calls applied`, { timeoutMs: 60_000 });
      const snapshotBefore = sim.snapshot();
      log(`${calls} calls in progress (${snapshotBefore.calls.filter((c) => c.phase === 'talking').length} talking); cutting the link for ${cutMs} ms`);

      const disconnected = new Promise((resolve) => bridge.client.once('disconnected', resolve));
      proxy.cut();
      await withTimeout(disconnected, 'the bridge to notice the cut', 10_000);
      const endedDuringCut = placed.filter((_, i) => i % 2 === 0);
      for (const call of endedDuringCut) sim.hangup(call.linkedid, 'caller');
      sim.tick(1_000);
      await pause(cutMs); // the fault's duration, not a wait for a result

      const resyncsBefore = harness.applied.filter((e) => e.kind === 'pbx.resync').length;
      const connected = new Promise<number>((resolve) => bridge.client.once('connected', () => resolve(performance.now())));
      const restoredAt = performance.now();
      proxy.restore();
      const connectedAt = await withTimeout(connected, 'the bridge to reconnect', 30_000);
      const resync = await harness.waitApplied((e) => e.kind === 'pbx.resync' && e.atMs > restoredAt, 'the resync after reconnecting', 30_000);
      const reconnectMs = Math.round(connectedAt - restoredAt);
      const resyncMs = Math.round(resync.atMs - connectedAt);
      log(`reconnected ${reconnectMs} ms after the restore; state resynced ${resyncMs} ms after reconnecting (resyncs before ${resyncsBefore})`);

      const rows = await data.prisma.call.findMany({ where: { linkedid: { in: placed.map((c) => c.linkedid) } } });
      const byLinkedid = new Map(rows.map((row) => [row.linkedid, row]));
      const endedWrongly = endedDuringCut.filter((c) => !ENDED_STATES.includes(byLinkedid.get(c.linkedid)?.state ?? ''));
      if (endedWrongly.length > 0) failures.push(`${endedWrongly.length} calls that ended during the cut are still open after the resync`);
      const stillLive = placed.filter((_, i) => i % 2 === 1);
      const closedWrongly = stillLive.filter((c) => !OPEN_STATES.includes(byLinkedid.get(c.linkedid)?.state ?? ''));
      if (closedWrongly.length > 0) failures.push(`${closedWrongly.length} calls still live on the PBX were closed by the resync`);

      for (const call of stillLive) sim.hangup(call.linkedid, 'caller');
      sim.tick(1_000);
      await bridge.drained();
      await waitUntil(
        async () => (await data.prisma.call.count({ where: { linkedid: { in: placed.map((c) => c.linkedid) }, state: { in: ENDED_STATES } } })) === calls,
        'every call record to end', { timeoutMs: 60_000, describe: async () => `${await data.prisma.call.count({ where: { state: { in: OPEN_STATES } } })} still open` },
      ).catch((error: Error) => failures.push(error.message));

      const finalRows = await data.prisma.call.findMany({ where: { pbxId: 'drill' }, select: { linkedid: true, state: true, resynced: true } });
      const distinct = new Set(finalRows.map((row) => row.linkedid));
      const lost = placed.filter((c) => !finalRows.some((row) => row.linkedid === c.linkedid && ENDED_STATES.includes(row.state))).length;
      const duplicated = finalRows.length - distinct.size;
      const unknown = finalRows.filter((row) => !placed.some((c) => c.linkedid === row.linkedid)).length;
      if (unknown > 0) failures.push(`${unknown} call records for calls never placed`);
      // A timing target, judged only in the full run (the quick one runs beside other tests).
      if (!quick && resyncMs > 5_000) failures.push(`resync took ${resyncMs} ms after reconnecting (target ≤ 5000)`);
      return {
        lost,
        duplicated,
        failures,
        figures: {
          calls,
          cutMs,
          endedDuringCut: endedDuringCut.length,
          closedByResync: finalRows.filter((row) => row.resynced).length,
          reconnectAfterRestoreMs: reconnectMs,
          resyncAfterReconnectMs: resyncMs,
          callRecords: finalRows.length,
          resyncWithinTarget: resyncMs <= 5_000,
        },
      };
    } finally {
      await harness.close();
      await data.cleanup();
    }
  },
};
