import { AUTO_PAUSE_REASON, PAUSE_REASONS, type PauseReason } from '@yixian/domain';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import {
  answerMyPhone, getMyAgentState, getMyCurrentCall, setMyAgentState, type AgentStateView, type AgentTargetState,
} from '#/api/agents';
import { isApiError } from '#/api/api-error';
import {
  CALL_CONTROL_CODES, conferenceCall, getCall, getCallerHistory, hangupCall, transferCall, type CallerHistory,
} from '#/api/calls';
import {
  CALL_PHASES, advanceCall, callFromRecord, deskErrorOf, isScreenPop, secondsUntil, type ActiveCall,
} from './active-call';
import { useQueueStore, type QueueEvent } from './queue.store';

export {
  CALL_PHASES, advanceCall, callFromRecord, deskErrorOf, isScreenPop, secondsUntil, type ActiveCall, type CallPhase, type ScreenPop,
} from './active-call';

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
  /** Last refusal of a call-control or state request, shown inline (a code from the API, or `agent_in_call`). */
  const controlError = ref<string | null>(null);
  const isBusy = ref(false);
  /** When after-call work ends by itself (the API's answer), and its configured limit. */
  const afterCallWorkUntil = ref<string | null>(null);
  const afterCallWorkSeconds = ref(60);

  const me = computed(() => {
    const byInterface = myInterface.value ? queue.agents.get(myInterface.value) : undefined;
    return byInterface ?? (userId.value ? queue.findAgentByUser(userId.value) : undefined);
  });
  const state = computed(() => me.value?.state ?? 'logged_out');
  const pausedReason = computed(() => me.value?.pausedReason ?? null);
  const secondsInState = computed(() => (me.value ? queue.secondsInState(me.value) : 0));
  /** After-call work: a pause with reason after_call_work, shown as wrap-up, ending by itself. */
  const isAfterCallWork = computed(() => state.value === 'wrap_up' && pausedReason.value === PAUSE_REASONS.after_call_work);
  // Never more than the limit: the one-second clock and the server offset can each be a second out.
  const afterCallWorkLeft = computed(() => {
    const left = isAfterCallWork.value ? secondsUntil(afterCallWorkUntil.value, queue.nowMs + queue.offsetMs) : null;
    return left === null ? null : Math.min(left, afterCallWorkSeconds.value);
  });
  /** Asterisk paused us after a call rang out here (queue autopause). */
  const isAutoPaused = computed(() => state.value === 'paused' && pausedReason.value === AUTO_PAUSE_REASON);
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
        controlError.value = deskErrorOf(error);
        return null;
      }
      throw error;
    } finally {
      isBusy.value = false;
    }
  }

  /** Shows the state the PBX answered with at once (the `queue` push confirms it). */
  function applyView(view: AgentStateView): void {
    myInterface.value = view.interface;
    afterCallWorkSeconds.value = view.afterCallWorkSeconds;
    afterCallWorkUntil.value = view.afterCallWorkUntil;
    const current = queue.agents.get(view.interface);
    if (current && current.state === view.state && current.pausedReason === view.pausedReason) return;
    queue.applyEvent({
      type: 'agent.state', at: view.since ?? new Date(Date.now() + queue.offsetMs).toISOString(),
      agent: { interface: view.interface, memberName: me.value?.displayName ?? null },
      state: view.state, pausedReason: view.pausedReason,
    });
    const entry = queue.agents.get(view.interface);
    if (entry && userId.value) entry.userId = userId.value;
  }

  /**
   * Ready, pause with a reason (after_call_work starts after-call work), or log out. The PBX's
   * answer is shown; a sign-out during a call is refused and says so (`agent_in_call`).
   */
  async function changeState(target: AgentTargetState, reason?: PauseReason): Promise<boolean> {
    const result = await run(() => setMyAgentState({ state: target, ...(reason ? { reason } : {}) }, { handledCodes: CALL_CONTROL_CODES }));
    if (!result) return false;
    applyView(result);
    return true;
  }

  /** The call has ended: a time-limited pause to finish its paperwork. */
  const startAfterCallWork = () => changeState('paused', PAUSE_REASONS.after_call_work);
  /** Ends after-call work (or an auto-pause) early: ready for the next call. */
  const goReady = () => changeState('ready');

  /** Learns when after-call work ends, and our interface, from the API (the desk loads, or a push started it). */
  async function loadMyState(): Promise<void> {
    try {
      const view = await getMyAgentState({ handledCodes: ['conflict'] });
      myInterface.value = view.interface;
      afterCallWorkSeconds.value = view.afterCallWorkSeconds;
      afterCallWorkUntil.value = view.afterCallWorkUntil;
    } catch {
      // no extension (409) or offline: the state bar shows what the live queue says
    }
  }

  /**
   * After a reload: our state with the end of after-call work, and the call we are talking on,
   * or the one that just ended (during its after-call work), shown ended: the panel and the
   * ticket's link to the call come back.
   */
  async function restore(): Promise<void> {
    await loadMyState();
    try {
      const { call: record } = await getMyCurrentCall({ handledCodes: ['conflict'] });
      if (!record || call.value) return;
      call.value = callFromRecord(record);
      history.value = null;
      void loadHistory(record.linkedid);
    } catch {
      // no extension (409) or offline: nothing to restore
    }
  }

  // After-call work started elsewhere (another tab, the API): learn when it ends; left: forget it.
  watch(isAfterCallWork, (now) => {
    if (!now) afterCallWorkUntil.value = null;
    else if (!afterCallWorkUntil.value) void loadMyState();
  });

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
    userId, myInterface, call, history, historyState, controlError, isBusy, afterCallWorkUntil, afterCallWorkSeconds,
    me, state, pausedReason, secondsInState, talkSeconds, isAfterCallWork, afterCallWorkLeft, isAutoPaused,
    setUser, changeState, startAfterCallWork, goReady, restore, onScreenPop, onQueueEvent, onCallRecorded, resolveCallId, answer, hangup, transfer, conference, finishCall,
  };
});
