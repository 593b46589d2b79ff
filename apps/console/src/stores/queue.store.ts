import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getLiveQueue, type LiveAgent, type LiveQueue } from '#/api/calls';

/** A `queue` push from the bridge (see the API's realtime topics). */
export interface QueueEvent {
  pbxId?: string;
  type: string;
  at: string;
  linkedid?: string;
  hotline?: string | null;
  agent?: { interface: string; memberName: string | null } | null;
  state?: string;
  pausedReason?: string | null;
}

export interface WaitingEntry {
  linkedid: string;
  hotline: string | null;
  since: string;
}

export interface AgentEntry {
  interface: string;
  displayName: string | null;
  userId: string | null;
  state: string;
  pausedReason: string | null;
  since: string;
}

export interface QueueSnapshot {
  waiting: Map<string, WaitingEntry>;
  agents: Map<string, AgentEntry>;
}

const CALL_GONE = new Set(['call.answered', 'call.abandoned', 'call.completed', 'call.transferred']);

/** True for payloads shaped like a queue event; anything else from the socket is ignored. */
export function isQueueEvent(value: unknown): value is QueueEvent {
  if (!value || typeof value !== 'object') return false;
  const event = value as Partial<QueueEvent>;
  return typeof event.type === 'string' && typeof event.at === 'string' && !Number.isNaN(Date.parse(event.at));
}

/** Builds the local picture from `GET /api/queue/live`. */
export function snapshotFromLive(live: LiveQueue): QueueSnapshot {
  return {
    waiting: new Map(live.waiting.map((w) => [w.linkedid, { linkedid: w.linkedid, hotline: w.hotline, since: w.since }])),
    agents: new Map(live.agents.map((a: LiveAgent) => [a.interface, {
      interface: a.interface, displayName: a.displayName ?? a.memberName, userId: a.userId, state: a.state, pausedReason: a.pausedReason, since: a.since,
    }])),
  };
}

/**
 * Applies one push to the picture, as the bridge applies it to Redis: offered adds a waiting
 * call; answered / abandoned / completed / transferred remove it; agent.state sets the agent
 * (`logged_out` removes it; a pause reason stays with `paused`, with after-call work's
 * `wrap_up`, and with `busy` as the pause pending until the call ends). Returns 'reload' for a PBX resync.
 */
export function applyQueueEvent(snapshot: QueueSnapshot, event: QueueEvent): 'applied' | 'ignored' | 'reload' {
  if (event.type === 'pbx.resync') return 'reload';
  if (event.type === 'call.offered' && event.linkedid) {
    snapshot.waiting.set(event.linkedid, { linkedid: event.linkedid, hotline: event.hotline ?? null, since: event.at });
    return 'applied';
  }
  if (CALL_GONE.has(event.type) && event.linkedid) {
    snapshot.waiting.delete(event.linkedid);
    return 'applied';
  }
  if (event.type === 'agent.state' && event.agent && typeof event.state === 'string') {
    const iface = event.agent.interface;
    if (event.state === 'logged_out') {
      snapshot.agents.delete(iface);
      return 'applied';
    }
    const previous = snapshot.agents.get(iface);
    snapshot.agents.set(iface, {
      interface: iface,
      displayName: previous?.displayName ?? event.agent.memberName,
      userId: previous?.userId ?? null,
      state: event.state,
      // A reason beside busy is a pause taken during the call, pending until it ends.
      pausedReason: event.state === 'paused' || event.state === 'wrap_up' || event.state === 'busy' ? (event.pausedReason ?? null) : null,
      since: event.at,
    });
    return 'applied';
  }
  return 'ignored';
}

/** Seconds from an ISO time to `nowMs`, never negative. */
export function secondsSince(iso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 1000));
}

/** Waiting calls per hotline (`unknown` when the PBX did not set HOTLINE). */
export function countByHotline(waiting: Iterable<WaitingEntry>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of waiting) out[call.hotline ?? 'unknown'] = (out[call.hotline ?? 'unknown'] ?? 0) + 1;
  return out;
}

/**
 * The live queue for the desk's strip and the wallboard: a snapshot from the API, then kept
 * current by `queue` pushes; a one-second clock makes waits and times in state tick.
 */
export const useQueueStore = defineStore('queue', () => {
  const waiting = ref(new Map<string, WaitingEntry>());
  const agents = ref(new Map<string, AgentEntry>());
  const isLoaded = ref(false);
  const loadError = ref(false);
  /** Server time minus local time, so ticking waits use the server's clock. */
  const offsetMs = ref(0);
  const nowMs = ref(Date.now());
  let clock: ReturnType<typeof setInterval> | undefined;
  let clockUsers = 0;

  const waitingList = computed(() => [...waiting.value.values()].sort((a, b) => Date.parse(a.since) - Date.parse(b.since)));
  const waitingCount = computed(() => waiting.value.size);
  const longestWaitSeconds = computed(() => {
    const oldest = waitingList.value[0];
    return oldest ? secondsSince(oldest.since, nowMs.value + offsetMs.value) : 0;
  });
  const byHotline = computed(() => countByHotline(waiting.value.values()));
  const agentList = computed(() => [...agents.value.values()].sort((a, b) => a.interface.localeCompare(b.interface)));

  /** Replaces the picture with the API's; used at start, on `hello` (reconnect) and on resync. */
  async function load(): Promise<void> {
    try {
      const live = await getLiveQueue();
      const snapshot = snapshotFromLive(live);
      offsetMs.value = Date.parse(live.at) - Date.now();
      waiting.value = snapshot.waiting;
      agents.value = snapshot.agents;
      isLoaded.value = true;
      loadError.value = false;
    } catch (error) {
      loadError.value = true;
      throw error;
    }
  }

  /** Applies a `queue` push; a resync reloads the snapshot. */
  function applyEvent(payload: unknown): void {
    if (!isQueueEvent(payload)) return;
    const snapshot: QueueSnapshot = { waiting: waiting.value, agents: agents.value };
    if (applyQueueEvent(snapshot, payload) === 'reload') void load().catch(() => undefined);
  }

  function secondsInState(agent: AgentEntry): number {
    return secondsSince(agent.since, nowMs.value + offsetMs.value);
  }

  function findAgentByUser(userId: string): AgentEntry | undefined {
    return agentList.value.find((agent) => agent.userId === userId);
  }

  /** Starts the one-second clock (reference counted across pages). */
  function startClock(): void {
    clockUsers += 1;
    if (clock === undefined) clock = setInterval(() => (nowMs.value = Date.now()), 1000);
  }

  function stopClock(): void {
    clockUsers = Math.max(0, clockUsers - 1);
    if (clockUsers === 0 && clock !== undefined) {
      clearInterval(clock);
      clock = undefined;
    }
  }

  return {
    waiting, agents, isLoaded, loadError, nowMs, offsetMs,
    waitingList, waitingCount, longestWaitSeconds, byHotline, agentList,
    load, applyEvent, secondsInState, findAgentByUser, startClock, stopClock,
  };
});
