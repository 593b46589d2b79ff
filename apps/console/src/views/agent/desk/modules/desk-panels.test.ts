// @vitest-environment happy-dom
/**
 * The desk's state panels as the agent sees them (zh-CN), against a small server speaking the
 * API's shapes: after-call work counting down and ended early, the auto-pause notice, a phone
 * offline, after-call work offered when a call ends, a sign-out refused during a call, a pause
 * taken during a call, and the call panel restored after a reload (talking, or ended during
 * after-call work with the ticket's link to the call).
 */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import { i18n, setLocale } from '#/locales';
import { useAgentStore } from '#/stores/agent.store';
import { startDeskTestServer, type DeskTestServer, waitFor } from '#/stores/desk-test-server';
import { useQueueStore } from '#/stores/queue.store';
import { buildCreateTicketBody, createEmptyForm, ticketCallOf } from '../data';
import CallControls from './call-controls.vue';
import StateBar from './state-bar.vue';
import StateNotice from './state-notice.vue';

const ME = 'Local/8101@agents/n';
let server: DeskTestServer;
let pinia: Pinia;

const view = (over: Record<string, unknown> = {}) => ({
  interface: ME, state: 'ready', pausedReason: null, isOnCall: false, since: null, afterCallWorkUntil: null, afterCallWorkSeconds: 60, ...over,
});
const pushState = (state: string, pausedReason: string | null = null) =>
  useQueueStore().applyEvent({ type: 'agent.state', at: new Date().toISOString(), agent: { interface: ME, memberName: '李娜' }, state, pausedReason });
const mountIt = (component: object, props: Record<string, unknown> = {}) =>
  mount(component, { props, global: { plugins: [pinia, i18n, ElementPlus] } });

/** Clicks, then waits until the request it sends has been answered and applied. */
async function clickAndSettle(wrapper: ReturnType<typeof mountIt>, testId: string): Promise<void> {
  const sent = server.requests.length;
  await wrapper.get(`[data-testid="${testId}"]`).trigger('click');
  await waitFor(() => server.requests.length > sent && !useAgentStore().isBusy);
  await flushPromises();
}


beforeAll(async () => {
  server = await startDeskTestServer();
  setLocale('zh-CN');
});
afterAll(() => server.close());
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  server.routes.clear();
  server.requests.length = 0;
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
  useAgentStore().myInterface = ME;
});

describe('state notice', () => {
  it('counts after-call work down and ends it early with one click', async () => {
    const agent = useAgentStore();
    const queue = useQueueStore();
    server.routes.set('POST /agents/me/state', [200, view({ state: 'wrap_up', pausedReason: 'after_call_work', afterCallWorkUntil: new Date(Date.now() + 45_000).toISOString() })]);
    await agent.startAfterCallWork();
    queue.nowMs = Date.now();
    const wrapper = mountIt(StateNotice);
    const countdown = wrapper.get('[data-testid="acw-countdown"]').text();
    expect(countdown).toMatch(/^话后整理中，00:4[45] 后自动就绪$/);
    expect(server.requests.at(-1)?.body).toEqual({ state: 'paused', reason: 'after_call_work' });

    server.routes.set('POST /agents/me/state', [200, view({ state: 'ready' })]);
    await clickAndSettle(wrapper, 'end-acw');
    expect(server.requests.at(-1)?.body).toEqual({ state: 'ready' });
    expect(agent.state).toBe('ready');
    expect(wrapper.find('[data-testid="acw-notice"]').exists()).toBe(false);
  });

  it('tells an auto-paused agent why, and going ready ends it', async () => {
    pushState('paused', 'Auto-Pause');
    const wrapper = mountIt(StateNotice);
    expect(wrapper.get('[data-testid="auto-pause-notice"]').text()).toContain('未接来电，已自动小休');
    server.routes.set('POST /agents/me/state', [200, view({ state: 'ready' })]);
    await clickAndSettle(wrapper, 'auto-pause-ready');
    expect(server.requests.at(-1)?.body).toEqual({ state: 'ready' });
    expect(wrapper.find('[data-testid="auto-pause-notice"]').exists()).toBe(false);
  });

  it('says the phone is offline rather than logged out', async () => {
    pushState('unavailable');
    const wrapper = mountIt(StateNotice);
    expect(wrapper.get('[data-testid="phone-offline-notice"]').text()).toContain('话机离线');
  });
});

describe('state bar', () => {
  it('shows a refused sign-out during a call in words', async () => {
    pushState('busy');
    server.routes.set('POST /agents/me/state', [409, {
      statusCode: 409, code: 'conflict', message: 'You cannot sign out during a call; end the call first', field: 'state', details: { reason: 'agent_in_call', state: 'busy' },
    }]);
    const wrapper = mountIt(StateBar, { liveStatus: 'open' });
    expect(wrapper.get('[data-testid="agent-state"]').text()).toBe('通话中');
    await clickAndSettle(wrapper, 'log-out-queue');
    expect(wrapper.get('[data-testid="control-error"]').text()).toContain('通话中不能签出，请先结束通话');
    expect(useAgentStore().state).toBe('busy');
  });

  it('shows a pause taken during a call as the call first, with the pause pending, then the pause once the call ends', async () => {
    pushState('busy');
    const wrapper = mountIt(StateBar, { liveStatus: 'open' });
    server.routes.set('POST /agents/me/state', [200, view({ state: 'busy', pausedReason: 'break', isOnCall: true })]);
    await useAgentStore().changeState('paused', 'break');
    await flushPromises();
    expect(server.requests.at(-1)?.body).toEqual({ state: 'paused', reason: 'break' });
    expect(wrapper.get('[data-testid="agent-state"]').text()).toBe('通话中 · 通话结束后小休：休息');
    // The bridge's push when the call ends.
    pushState('paused', 'break');
    await flushPromises();
    expect(wrapper.get('[data-testid="agent-state"]').text()).toBe('小休 · 休息');
  });

  it('names after-call work with the time left, and the auto-pause reason', async () => {
    const agent = useAgentStore();
    pushState('paused', 'Auto-Pause');
    const wrapper = mountIt(StateBar, { liveStatus: 'open' });
    expect(wrapper.get('[data-testid="agent-state"]').text()).toBe('小休 · 未接自动暂停');
    agent.afterCallWorkUntil = new Date(Date.now() + 30_000).toISOString();
    pushState('wrap_up', 'after_call_work');
    useQueueStore().nowMs = Date.now();
    await flushPromises();
    expect(wrapper.get('[data-testid="agent-state"]').text()).toMatch(/^话后整理 · 剩余 00:(29|30)$/);
    expect(wrapper.get('[data-testid="go-ready"]').attributes('disabled')).toBeUndefined();
  });
});

describe('call panel', () => {
  it('offers after-call work when the call has ended', async () => {
    const agent = useAgentStore();
    pushState('ready');
    agent.call = {
      linkedid: 'L1', hotline: '12345', callerNumber: '139****0001', phase: 'ended', ringAt: new Date().toISOString(),
      answeredAt: new Date().toISOString(), endedAt: new Date().toISOString(), callId: 'call-1',
    };
    const wrapper = mountIt(CallControls);
    expect(wrapper.get('[data-testid="start-acw"]').text()).toBe('话后整理（60 秒）');
    server.routes.set('POST /agents/me/state', [200, view({ state: 'wrap_up', pausedReason: 'after_call_work', afterCallWorkUntil: new Date(Date.now() + 60_000).toISOString() })]);
    await clickAndSettle(wrapper, 'start-acw');
    expect(agent.isAfterCallWork).toBe(true);
    expect(wrapper.find('[data-testid="start-acw"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="finish-call"]').exists()).toBe(true);
  });

  it('comes back after a reload with the call being talked on and its record id', async () => {
    const agent = useAgentStore();
    server.routes.set('GET /agents/me/state', [200, view({ state: 'busy', isOnCall: true })]);
    server.routes.set('GET /agents/me/current-call', [200, { call: {
      id: 'call-9', linkedid: 'L9', pbxId: 'default', hotlineNumber: '12345', callerNumber: '139****0009', state: 'answered', queue: 'hotline',
      agentInterface: ME, agentUserId: null, enteredAt: '2026-03-02T02:00:00.000Z', ringAt: '2026-03-02T02:00:01.000Z', answeredAt: '2026-03-02T02:00:04.000Z',
      endedAt: null, waitSeconds: 4, talkSeconds: null, abandonPosition: null, hangupBy: null, recordingFile: null, resynced: false, tickets: [],
    } }]);
    server.routes.set('GET /calls/L9/caller-history', [200, { isRepeatCaller: false, callsInLast7Days: 1, calls: [], tickets: [] }]);
    await agent.restore();
    expect(agent.call).toMatchObject({ linkedid: 'L9', phase: 'talking', callId: 'call-9', hotline: '12345', answeredAt: '2026-03-02T02:00:04.000Z' });
    await waitFor(() => agent.historyState === 'loaded');
    const wrapper = mountIt(CallControls);
    expect(wrapper.find('[data-testid="hangup"]').exists()).toBe(true);
  });

  it('comes back after a reload during after-call work with the ended call, and a ticket written then links to it', async () => {
    const agent = useAgentStore();
    pushState('wrap_up', 'after_call_work');
    server.routes.set('GET /agents/me/state', [200, view({ state: 'wrap_up', pausedReason: 'after_call_work', afterCallWorkUntil: new Date(Date.now() + 40_000).toISOString() })]);
    server.routes.set('GET /agents/me/current-call', [200, { call: {
      id: 'call-8', linkedid: 'L8', pbxId: 'default', hotlineNumber: '12345', callerNumber: '139****0008', state: 'completed', queue: 'hotline',
      agentInterface: ME, agentUserId: null, enteredAt: '2026-03-02T02:00:00.000Z', ringAt: '2026-03-02T02:00:01.000Z', answeredAt: '2026-03-02T02:00:04.000Z',
      endedAt: '2026-03-02T02:01:04.000Z', waitSeconds: 4, talkSeconds: 60, abandonPosition: null, hangupBy: 'caller', recordingFile: null, resynced: false, tickets: [],
    } }]);
    server.routes.set('GET /calls/L8/caller-history', [200, { isRepeatCaller: false, callsInLast7Days: 1, calls: [], tickets: [] }]);
    await agent.restore();
    expect(agent.call).toMatchObject({ linkedid: 'L8', phase: 'ended', callId: 'call-8', hotline: '12345', endedAt: '2026-03-02T02:01:04.000Z' });
    expect(agent.talkSeconds).toBe(60);
    expect(agent.isAfterCallWork).toBe(true);
    const wrapper = mountIt(CallControls);
    expect(wrapper.find('[data-testid="hangup"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="start-acw"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="finish-call"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="talk-timer"]').text()).toBe('01:00');
    // The ticket form's link to the call (来自来电) and the body it sends.
    const ticketCall = ticketCallOf(agent.call);
    expect(ticketCall).toEqual({ callId: 'call-8', hotline: '12345' });
    expect(buildCreateTicketBody({ ...createEmptyForm(), categoryId: 'env.noise', title: '噪音', description: '夜间施工', areaId: 's01' }, [], 'dispatch', ticketCall))
      .toMatchObject({ channel: 'phone', callId: 'call-8' });
    await waitFor(() => agent.historyState === 'loaded');
  });
});
