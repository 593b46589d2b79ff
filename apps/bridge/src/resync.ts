/**
 * Rebuilding state after the bridge lost sight of the PBX. Events emitted while disconnected
 * are never replayed, so on every connect (and after a PBX restart, `FullyBooted` with
 * `Uptime: 0`) the bridge asks for `CoreShowChannels` (calls still up) and `QueueStatus`
 * (agents and waiting callers), and tells the API which calls are still live.
 *
 * Each list is a snapshot taken at the point in the event stream where its Complete event is
 * read. The bridge keeps handing events off while the lists arrive (under a flood they queue
 * behind thousands of events); each snapshot is applied in the stream at its own point — after
 * every event read before it, before every event read after it — through `enqueue`.
 */
import { randomUUID } from 'node:crypto';
import { getField, type AgentStateChanged, type AmiActionResult, type AmiClient, type AmiEventNormaliser } from '@yixian/ami';
import type { Logger } from 'pino';
import type { HandOff } from './hand-off.js';
import type { LiveState } from './live-state.js';

const LIST_TIMEOUT_MS = 10_000;

export interface ResyncDeps {
  client: AmiClient;
  normaliser: AmiEventNormaliser;
  handOff: HandOff;
  live: LiveState;
  queue: string;
  restarted: boolean;
  log: Logger;
  /** Runs `step` in the event stream's order, at the point where it is called. */
  enqueue: (step: () => Promise<void>) => void;
}

/** Sends both list actions; resolves once both snapshots have been applied in stream order. */
export async function resyncFromPbx(deps: ResyncDeps): Promise<{ liveCalls: number }> {
  const { client, normaliser, handOff, live, queue, restarted, log, enqueue } = deps;
  let liveCalls = 0;
  const applied: Promise<void>[] = [];
  const inStream = (step: () => Promise<void>) => {
    const done = new Promise<void>((resolve, reject) => enqueue(() => step().then(resolve, reject)));
    done.catch(() => undefined); // awaited below; if the other list failed first, nobody else waits on it
    applied.push(done);
  };
  const onChannels = (channels: AmiActionResult) => {
    const at = new Date().toISOString();
    const liveLinkedids = new Set<string>();
    for (const item of channels.items) {
      const linkedid = getField(item, 'Linkedid');
      if (linkedid) liveLinkedids.add(linkedid);
    }
    liveCalls = liveLinkedids.size;
    inStream(async () => {
      await live.keepOnly(liveLinkedids);
      await handOff.sendResync({ eventId: `resync-${randomUUID()}`, at, liveLinkedids: [...liveLinkedids], restarted });
    });
  };
  const onStatus = (status: AmiActionResult) => {
    const agentStates = status.items
      .flatMap((item) => normaliser.normalise(item))
      .filter((event): event is AgentStateChanged => event.kind === 'agent.state');
    inStream(() => live.resetAgents(agentStates));
  };
  const [, status] = await Promise.all([
    client.action({ Action: 'CoreShowChannels' }, { timeoutMs: LIST_TIMEOUT_MS, onSettled: onChannels }),
    client.action({ Action: 'QueueStatus', Queue: queue }, { timeoutMs: LIST_TIMEOUT_MS, onSettled: onStatus }),
  ]);
  await Promise.all(applied);
  log.info({ liveCalls, members: status.items.length, restarted }, 'resynced from PBX');
  return { liveCalls };
}
