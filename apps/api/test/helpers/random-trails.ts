/** Random ticket trails for the indicator tests (deterministic per seed, so a failure replays). */
import type { TrailEntry, TrailTicket } from '../../src/modules/statistics/collect-indicator-sets.js';

const VERDICTS = ['satisfied', 'basically_satisfied', 'not_satisfied', 'unreachable'];
const KINDS = ['consultation', 'complaint', 'suggestion', 'help_request'];

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo)), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

export interface TrailOptions {
  units: readonly string[]; actors: readonly string[]; start: number;
  /** Also patrol reports (channel grid_patrol) and on-the-spot dispatches (`onSpot`); off keeps the older seeds' trails as they were. */
  patrol?: boolean;
}

/** A ticket with a random trail of every action the figures read, starting within 40 days of `start`. */
export function randomTicket(id: string, rnd: ReturnType<typeof random>, options: TrailOptions): TrailTicket {
  let at = options.start + rnd.int(0, 40 * 24) * 3600_000;
  const step = () => { at += rnd.int(1, 4 * 24 * 60) * 60_000; return new Date(at); };
  const trail: TrailEntry[] = [];
  const push = (action: string, extra: Partial<TrailEntry> = {}) => trail.push({ action, at: step(), toState: null, unitId: null, actorId: null, data: {}, ...extra });
  push('create', { actorId: rnd.pick(options.actors), toState: 'accepted' });
  if (rnd.next() < 0.1) push('close-at-intake', { toState: 'closed_at_intake' });
  let unit = rnd.pick(options.units);
  for (let i = rnd.int(0, 12); i > 0; i--) {
    const roll = rnd.next();
    if (roll < 0.18) {
      unit = rnd.pick(options.units);
      // Draws in the same order as before `patrol` existed, so the older seeds give the same trails.
      const action = rnd.next() < 0.8 ? 'dispatch' : 'escalate';
      const data = rnd.next() < 0.3 ? { ruling: rnd.pick(['reject', 'accept']) } : options.patrol && rnd.next() < 0.15 ? { onSpot: true } : {};
      push(action, { toState: 'dispatched', unitId: unit, data });
    } else if (roll < 0.32) push('sign', { unitId: unit });
    else if (roll < 0.40) push('return', { unitId: unit, toState: 'returned' });
    else if (roll < 0.52) push('reply', { unitId: unit });
    else if (roll < 0.58) push('reopen', { unitId: unit, toState: 'reopened' });
    else if (roll < 0.64) {
      // Approved before the deadline it moves (extensions are asked for in time).
      push('approve-extension', { unitId: unit, data: { approve: rnd.next() < 0.8, replyBy: new Date(at + rnd.int(1, 15) * 24 * 3600_000).toISOString() } });
    } else if (roll < 0.66) push('mark-complex', { data: { complex: true, replyBy: new Date(at + rnd.int(1, 15) * 24 * 3600_000).toISOString() } });
    else if (roll < 0.74) push('follow-up', { unitId: unit, data: { verdict: rnd.pick(VERDICTS) } });
    else if (roll < 0.78) push('close', { unitId: unit, toState: 'closed', data: rnd.next() < 0.5 ? { verdict: rnd.pick(VERDICTS) } : {} });
    else if (roll < 0.86) push('supervise', { unitId: unit });
    else if (roll < 0.90) push('notice', { unitId: unit });
    else if (roll < 0.92) push('merge', { unitId: unit, toState: 'merged' });
    else push('remark', { unitId: unit });
  }
  const kind = rnd.pick(KINDS);
  const channel = rnd.next() < 0.2 ? 'mailbox' : options.patrol && rnd.next() < 0.3 ? 'grid_patrol' : 'phone';
  return { id, kind, channel, urgency: rnd.next() < 0.1 ? 'urgent' : 'normal', fields: rnd.next() < 0.1 ? { complex: true } : {}, categoryId: 'c', trail };
}

