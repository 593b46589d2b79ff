/**
 * Wakes the dispatcher the moment a writer commits: a Redis pub/sub nudge (see `nudgeOutbox`)
 * starts a pass GATHER_MS later, so that the nudges of a busy centre's acts (several a second)
 * are handed over together, one claim and one hand-over per batch instead of per act; passes
 * never overlap within a process, and a nudge arriving during a pass queues exactly one more.
 * `runPass()` starts one at once. The repeatable `outbox.dispatch` job covers lost nudges.
 */
import type { Redis } from 'ioredis';
import { dispatchOutbox, type OutboxDispatcherDeps } from './dispatch-outbox.js';
import { outboxNudgeChannel } from './outbox-topics.js';

export interface OutboxRelay {
  /** Runs a pass now (or after the running one); resolves when it is done. */
  runPass(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How long a nudge waits for the next ones before its pass starts: a unit's push, a published
 * warning's push and a text message leave this much later (plus the rest of a pass already
 * running, which the new one waits for), unnoticeable to a person; under load one pass (five round
 * trips to PostgreSQL, one text-message job) carries five times the acts it carried at 10 ms — the
 * worker's CPU per act fell by a third (ticket-api benchmark, 2026-12-06).
 */
export const GATHER_MS = 50;

export async function startOutboxRelay(deps: OutboxDispatcherDeps, subscriber: Redis): Promise<OutboxRelay> {
  let running: Promise<void> | null = null;
  let again = false;
  let gathering: NodeJS.Timeout | null = null;
  let stopped = false;

  const loop = async (): Promise<void> => {
    do {
      again = false;
      try {
        await dispatchOutbox(deps);
      } catch (error) {
        deps.log?.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox pass failed');
      }
    } while (again);
  };
  const runPass = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };

  const channel = outboxNudgeChannel(deps.redisPrefix);
  subscriber.on('message', (from) => {
    if (from !== channel || gathering || stopped) return;
    gathering = setTimeout(() => {
      gathering = null;
      if (!stopped) void runPass();
    }, GATHER_MS);
  });
  await subscriber.subscribe(channel);
  return {
    runPass,
    async stop() {
      stopped = true;
      if (gathering) clearTimeout(gathering);
      gathering = null;
      await subscriber.unsubscribe(channel).catch(() => undefined);
      await running;
    },
  };
}
