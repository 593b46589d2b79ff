/**
 * Drill on a real Asterisk 22: the AMI link is cut (12 s; quick 3 s) while calls wait and talk.
 * During the cut some calls end, some are answered, new ones arrive. After the link returns,
 * every call ends as exactly one record that agrees with the PBX's own queue_log.
 */
import type { DrillDefinition } from './lib/drill-types.js';
import { startLive } from '../../telephony/live/live-harness.js';
import { allEnded, auditCalls, placeCalls, staffQueue, waitFor } from './lib/asterisk-calls.js';

export const asteriskLinkCutDrill: DrillDefinition = {
  name: 'asterisk-link-cut',
  summary: 'AMI link to a real Asterisk 22 cut for 12 s (quick 3 s) with calls waiting and talking: every call one record, agreeing with queue_log',
  suite: 'live',
  async run({ quick, log }) {
    const cutMs = quick ? 3_000 : 12_000;
    const live = await startLive();
    try {
      const agents = await staffQueue(live, quick ? 3 : 6);
      const before = await placeCalls(live, quick ? 6 : 12, '1370');
      await waitFor(async () => live.t.prisma.call.count({ where: { linkedid: { in: before } } }), (n) => n === before.length, 'every call recorded', 30_000);
      await waitFor(async () => live.t.prisma.call.count({ where: { linkedid: { in: before }, state: 'answered' } }), (n) => n === agents.length, 'every agent talking', 30_000);
      log(`${before.length} calls (${agents.length} talking); cutting the link for ${cutMs} ms`);
      const resyncsBefore = live.bridge.stats.resyncs;
      const disconnected = new Promise((resolve) => live.bridge.client.once('disconnected', resolve));
      live.proxy.cut();
      await disconnected;
      const cutAt = Date.now();
      // During the cut: the first two talking calls end (their agents take waiting callers), new callers arrive.
      for (const linkedid of before.slice(0, 2)) await live.hangupCall(linkedid);
      const during = await placeCalls(live, 2, '1371');
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, cutMs - (Date.now() - cutAt)))); // the fault's length
      const restoredAt = performance.now();
      live.proxy.restore();
      await waitFor(async () => live.bridge.stats.resyncs, (n) => n > resyncsBefore, 'the resync', 30_000);
      const resyncMs = Math.round(performance.now() - restoredAt);
      log(`resynced ${resyncMs} ms after the link returned`);
      const all = [...before, ...during];
      for (const linkedid of all) await live.hangupCall(linkedid);
      await waitFor(allEnded(live, all), (n) => n === all.length, 'every call record to end', 60_000).catch(() => undefined);
      const audit = await auditCalls(live, all);
      return { ...audit, figures: { calls: all.length, cutMs, resyncAfterRestoreMs: resyncMs, agents: agents.length } };
    } finally {
      await live.close();
    }
  },
};
