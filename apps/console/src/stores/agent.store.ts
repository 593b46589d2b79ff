import type { PauseReason } from '@yixian/domain';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { answerMyPhone, setMyAgentState, type AgentTargetState } from '#/api/agents';
import { isApiError } from '#/api/api-error';
import {
  CALL_CONTROL_CODES, conferenceCall, getCall, getCallerHistory, hangupCall, transferCall, type CallerHistory,
} from '#/api/calls';
import { useQueueStore, type QueueEvent } from './queue.store';

export const CALL_PHASES = {
  ringing: 'ringing',
  talking: 'talking',
  /** The caller or the agent hung up, or it was transferred: wrap-up time. */
  ended: 'ended',
  /** Another agent took it, or it rang out here. */
  missed: 'missed',
} as const;
export type CallPhase = (typeof CALL_PHASES)[keyof typeof CALL_PHASES];

/** The call on the agent's screen: from the pop (`agent:<interface>`) then `queue` pushes. */
export interface ActiveCall {
  linkedid: string;
  hotline: string | null;
  /** Masked by the bridge (138****8000); the full number never reaches the console. */
  callerNumber: string | null;
  phase: CallPhase;
  ringAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** The call record's id (tickets need it); null until the worker wrote the record. */
  callId: string | null;
}

export interface ScreenPop {
  type: 'call.ringing';
  linkedid: string;
  hotline: string | null;
  callerNumber: string | null;
  at: string;
}

/** True for a well-formed screen pop; anything else on `agent:` is ignored. */
export function isScreenPop(value: unknown): value is ScreenPop {
  if (!value || typeof value !== 'object') return false;
  const pop = value as Partial<ScreenPop>;
  return pop.type === 'call.ringing' && typeof pop.linkedid === 'string' && pop.linkedid !== '' && typeof pop.at === 'string';
}

/**
 * Moves the call on screen along with a `queue` push about it. Answered by someone else or
 * rung out here: missed. Completed, abandoned or transferred: ended. Returns the new call
 * (or the same object when the event is not about it).
 */
export function advanceCall(call: ActiveCall, event: QueueEvent, myInterface: string | null): ActiveCall {
  if (event.linkedid !== call.linkedid) return call;
  const isMine = !event.agent || event.agent.interface === myInterface;
  switch (event.type) {
    case 'call.answered':
      if (!isMine) return call.phase === CALL_PHASES.ringing ? { ...call, phase: CALL_PHASES.missed } : call;
      return { ...call, phase: CALL_PHASES.talking, answeredAt: call.answeredAt ?? event.at };
    case 'call.ring_no_answer':
      return isMine && call.phase === CALL_PHASES.ringing ? { ...call, phase: CALL_PHASES.missed } : call;
    case 'call.completed':
    case 'call.transferred':
    case 'call.abandoned':
      if (call.phase === CALL_PHASES.ringing) return { ...call, phase: CALL_PHASES.missed, endedAt: event.at };
      return call.phase === CALL_PHASES.talking ? { ...call, phase: CALL_PHASES.ended, endedAt: event.at } : call;
    default:
      return call;
  }
}

/**
 * The signed-in agent: own queue state (read from the live queue, so the socket keeps it
 * current), the call on screen with the caller's history, and call control.
 */
export const useAgentStore = defineStore('agent', () => {
  const queue = useQueueStore();
  const userId = ref<string | null>(null);
  const myInterface = ref<string | null>(null);
  const call = ref<ActiveCall | null>(null);
  const history = ref<CallerHistory | null>(null);
  const historyState = ref<'idle' | 'loading' | 'loaded' | 'error'>('idle');
  /** Last refusal of a call-control or state request, shown inline (a code from the API). */
  const controlError = ref<string | null>(null);
  const isBusy = ref(false);

  const me = computed(() => {
    const byInterface = myInterface.value ? queue.agents.get(myInterface.value) : undefined;
    return byInterface ?? (userId.value ? queue.findAgentByUser(userId.value) : undefined);
  });
  const state = computed(() => me.value?.state ?? 'logged_out');
  const pausedReason = computed(() => me.value?.pausedReason ?? null);
  const secondsInState = computed(() => (me.value ? queue.secondsInState(me.value) : 0));
  const talkSeconds = computed(() => {
    const answeredAt = call.value?.answeredAt;
    if (!answeredAt) return 0;
    const end = call.value?.endedAt ? Date.parse(call.value.endedAt) : queue.nowMs + queue.offsetMs;
    return Math.max(0, Math.floor((end - Date.parse(answeredAt)) / 1000));
  });

  /** Who we are: the live queue names agents by user id until we learn our interface. */
  function setUser(id: string | null): void {
    userId.value = id;
  }

  async function run<T>(task: () => Promise<T>): Promise<T | null> {
    controlError.value = null;
    isBusy.value = true;
    try {
      return await task();
    } catch (error) {
      if (isApiError(error) && (CALL_CONTROL_CODES as readonly string[]).includes(error.code)) {
        controlError.value = error.code;
        return null;
      }
      throw error;
    } finally {
      isBusy.value = false;
    }
  }

  /** Ready, pause with a reason, or log out. The `queue` push confirms; we show it at once. */
  async function changeState(target: AgentTargetState, reason?: PauseReason): Promise<boolean> {
    const result = await run(() => setMyAgentState({ state: target, ...(reason ? { reason } : {}) }, { handledCodes: CALL_CONTROL_CODES }));
    if (!result) return false;
    myInterface.value = result.interface;
    queue.applyEvent({
      type: 'agent.state', at: new Date(Date.now() + queue.offsetMs).toISOString(),
      agent: { interface: result.interface, memberName: me.value?.displayName ?? null },
      state: target, pausedReason: target === 'paused' ? (reason ?? null) : null,
    });
    const entry = queue.agents.get(result.interface);
    if (entry && userId.value) entry.userId = userId.value;
    return true;
  }

  async function loadHistory(linkedid: string): Promise<void> {
    historyState.value = 'loading';
    try {
      const found = await getCallerHistory(linkedid, { handledCodes: ['not_found'] });
      if (call.value?.linkedid !== linkedid) return;
      history.value = found;
      historyState.value = 'loaded';
    } catch {
      if (call.value?.linkedid === linkedid) historyState.value = 'error';
    }
  }

  /** Finds the call record's id; a 404 just means "not written yet" (the `calls` push retries). */
  async function resolveCallId(): Promise<void> {
    const current = call.value;
    if (!current || current.callId) return;
    try {
      const record = await getCall(current.linkedid, { handledCodes: ['not_found'] });
      if (call.value?.linkedid === record.linkedid) call.value = { ...call.value, callId: record.id };
    } catch {
      // not written yet
    }
  }

  /** The screen pop: our phone rings. */
  function onScreenPop(payload: unknown): void {
    if (!isScreenPop(payload)) return;
    if (call.value && call.value.phase === CALL_PHASES.talking) return;
    call.value = {
      linkedid: payload.linkedid, hotline: payload.hotline ?? null, callerNumber: payload.callerNumber ?? null,
      phase: CALL_PHASES.ringing, ringAt: payload.at, answeredAt: null, endedAt: null, callId: null,
    };
    history.value = null;
    controlError.value = null;
    void loadHistory(payload.linkedid);
    void resolveCallId();
  }

  /** A `queue` push: moves the call on screen along. */
  function onQueueEvent(payload: unknown): void {
    if (!call.value || !payload || typeof payload !== 'object') return;
    call.value = advanceCall(call.value, payload as QueueEvent, myInterface.value ?? me.value?.interface ?? null);
  }

  /** A `calls` push: a record was written; if it is ours, learn its id. */
  function onCallRecorded(payload: unknown): void {
    const linkedid = (payload as { linkedid?: unknown } | null)?.linkedid;
    if (call.value && linkedid === call.value.linkedid) void resolveCallId();
  }

  /** Demo mode: picks up the ringing phone through the simulator. */
  async function answer(): Promise<boolean> {
    const result = await run(() => answerMyPhone({ handledCodes: CALL_CONTROL_CODES }));
    if (!result || !call.value) return false;
    if (call.value.phase === CALL_PHASES.ringing) {
      call.value = { ...call.value, phase: CALL_PHASES.talking, answeredAt: new Date(Date.now() + queue.offsetMs).toISOString() };
    }
    void resolveCallId();
    return true;
  }

  const callRef = () => call.value?.callId ?? call.value?.linkedid ?? '';

  async function hangup(): Promise<boolean> {
    if (!call.value) return false;
    return (await run(() => hangupCall(callRef(), { handledCodes: CALL_CONTROL_CODES }))) !== null;
  }

  async function transfer(destination: string): Promise<boolean> {
    if (!call.value) return false;
    return (await run(() => transferCall(callRef(), destination, { handledCodes: CALL_CONTROL_CODES }))) !== null;
  }

  async function conference(destination: string): Promise<boolean> {
    if (!call.value) return false;
    return (await run(() => conferenceCall(callRef(), destination, { handledCodes: CALL_CONTROL_CODES }))) !== null;
  }

  /** Wrap-up done: the screen is free for the next call. */
  function finishCall(): void {
    call.value = null;
    history.value = null;
    historyState.value = 'idle';
    controlError.value = null;
  }

  return {
    userId, myInterface, call, history, historyState, controlError, isBusy,
    me, state, pausedReason, secondsInState, talkSeconds,
    setUser, changeState, onScreenPop, onQueueEvent, onCallRecorded, resolveCallId, answer, hangup, transfer, conference, finishCall,
  };
});
