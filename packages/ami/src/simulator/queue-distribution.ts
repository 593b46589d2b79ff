import { isMemberAvailable } from './member-events';
import type { PbxCore } from './pbx-core';
import { ringMember } from './call-ringing';
import { CALL_PHASE, type SimMember } from './sim-model';

/**
 * rrmemory-like choice: among available members take the lowest penalty tier, then the first
 * one after the member rung last (round robin that remembers where it stopped).
 */
export function pickMember(core: PbxCore): SimMember | undefined {
  const available = core.members.filter((m) => isMemberAvailable(core, m));
  if (available.length === 0) return undefined;
  const tier = Math.min(...available.map((m) => m.penalty));
  const n = core.members.length;
  for (let step = 1; step <= n; step += 1) {
    const index = (core.stats.rrLast + step + n) % n;
    const m = core.members[index];
    if (m && m.penalty === tier && isMemberAvailable(core, m)) {
      core.stats.rrLast = index;
      return m;
    }
  }
  return undefined;
}

/**
 * Gives every waiting caller (queue order, autofill) a free member to ring. Callers already
 * ringing someone, or inside their retry pause after a ring-no-answer, are skipped.
 */
export function distributeCalls(core: PbxCore): void {
  const now = core.clock.now();
  for (const call of [...core.waiting]) {
    if (call.phase !== CALL_PHASE.waiting || call.retryUntil > now) continue;
    const member = pickMember(core);
    if (!member) return;
    ringMember(core, call, member);
  }
}

/** Schedules a distribution pass at a later time (end of a retry pause or of a wrap-up). */
export function scheduleDistribution(core: PbxCore, delayMs: number): void {
  core.clock.setTimer(() => distributeCalls(core), delayMs);
}
