/**
 * Drill on a real Asterisk 22: the PBX restarts with calls waiting and talking. Every call ends as
 * exactly one record agreeing with queue_log; the members come back (persistentmembers) and the
 * next call after the restart is answered and recorded.
 */
import type { DrillDefinition } from './lib/drill-types.js';
import { startLive } from '../../telephony/live/live-harness.js';
import { allEnded, auditCalls, placeCalls, staffQueue, waitFor } from './lib/asterisk-calls.js';

export const asteriskRestartDrill: DrillDefinition = {
  name: 'asterisk-restart',
  summary: 'A real Asterisk 22 restarts with calls waiting and talking: every call one record agreeing with queue_log; members kept; calls flow again',
  suite: 'live',
  async run({ quick, log }) {
    const live = await startLive();
    try {
      const agents = await staffQueue(live, quick ? 2 : 5);
      const calls = await placeCalls(live, quick ? 4 : 10, '1372');
      await waitFor(async () => live.t.prisma.call.count({ where: { linkedid: { in: calls }, state: 'answered' } }), (n) => n === agents.length, 'every agent talking', 30_000);
      const resyncsBefore = live.bridge.stats.resyncs;
      const started = performance.now();
      await live.pbx.restart();
      await waitFor(async () => live.bridge.stats.resyncs, (n) => n > resyncsBefore, 'the resync after the restart', 60_000);
      const resyncMs = Math.round(performance.now() - started);
      log(`restart and resync took ${resyncMs} ms`);
      await waitFor(allEnded(live, calls), (n) => n === calls.length, 'every call record to end', 30_000).catch(() => undefined);
      const audit = await auditCalls(live, calls);
      const status = await live.ami.action({ Action: 'QueueStatus', Queue: 'hotline' });
      const members = status.items.filter((item) => item.event === 'QueueMember').length;
      if (members !== agents.length) audit.failures.push(`${members} members after the restart, ${agents.length} before`);
      const after = await live.placeCall({ did: '12345', number: '13720009999', patience: 30 });
      await waitFor(async () => live.t.prisma.call.findUnique({ where: { linkedid: after } }), (c) => c?.state === 'answered', 'a call answered after the restart', 30_000)
        .catch((error: Error) => audit.failures.push(error.message));
      await live.hangupCall(after);
      return { ...audit, figures: { calls: calls.length, agents: agents.length, restartToResyncMs: resyncMs, membersAfter: members } };
    } finally {
      await live.close();
    }
  },
};
