/**
 * Rebuilding state after the bridge lost sight of the PBX. Events emitted while disconnected
 * are never replayed, so on every connect (and after a PBX restart, `FullyBooted` with
 * `Uptime: 0`) the bridge asks for `CoreShowChannels` (calls still up) and `QueueStatus`
 * (agents and waiting callers), and tells the API which calls are still live.
 */
import { randomUUID } from 'node:crypto';
import { getField, type AgentStateChanged, type AmiClient, type AmiEventNormaliser } from '@yixian/ami';
import type { Logger } from 'pino';
import type { HandOff } from './hand-off.js';
import type { LiveState } from './live-state.js';

const LIST_TIMEOUT_MS = 10_000;

export async function resyncFromPbx(deps: {
  client: AmiClient;
  normaliser: AmiEventNormaliser;
  handOff: HandOff;
  live: LiveState;
  queue: string;
  restarted: boolean;
  log: Logger;
}): Promise<{ liveCalls: number }> {
  const { client, normaliser, handOff, live, queue, restarted, log } = deps;
  const channels = await client.action({ Action: 'CoreShowChannels' }, { timeoutMs: LIST_TIMEOUT_MS });
  const liveLinkedids = new Set<string>();
  for (const item of channels.items) {
    const linkedid = getField(item, 'Linkedid');
    if (linkedid) liveLinkedids.add(linkedid);
  }
  const status = await client.action({ Action: 'QueueStatus', Queue: queue }, { timeoutMs: LIST_TIMEOUT_MS });
  const agentStates = status.items
    .flatMap((item) => normaliser.normalise(item))
    .filter((event): event is AgentStateChanged => event.kind === 'agent.state');
  await live.resetAgents(agentStates);
  await live.keepOnly(liveLinkedids);
  await handOff.sendResync({ eventId: `resync-${randomUUID()}`, at: new Date().toISOString(), liveLinkedids: [...liveLinkedids], restarted });
  log.info({ liveCalls: liveLinkedids.size, members: status.items.length, restarted }, 'resynced from PBX');
  return { liveCalls: liveLinkedids.size };
}
