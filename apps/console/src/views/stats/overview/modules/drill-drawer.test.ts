// @vitest-environment happy-dom
/**
 * The recordings in the statistics drill-down, as the shift lead uses them: 播放 asks the server
 * whether the call's recording can be played, then shows the player — or says in words that the
 * file is not on the server, with no audio element that could only fail.
 */
import type { Role } from '@yixian/domain';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '#/api/auth';
import { requestClient } from '#/api/client';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer } from '#/stores/desk-test-server';
import { useSessionStore } from '#/stores/session.store';
import { toQueryPeriod, type DrillTarget } from '../data';
import DrillDrawer from './drill-drawer.vue';

const TARGET: DrillTarget = { metric: 'calls.answered', period: { from: new Date('2026-03-01T16:00:00Z'), to: new Date('2026-03-02T16:00:00Z') } };
const DRILL_ROUTE = `GET /statistics/drill?${new URLSearchParams({ ...toQueryPeriod(TARGET.period), metric: TARGET.metric, page: '1', pageSize: '20' })}`;
const row = (id: string, recordingFile: string | null) => ({
  id, linkedid: `1772416800.${id}`, hotlineNumber: '12345', hotlineName: '市民服务热线', hotlineNameEn: 'Citizen service', agentName: '坐席 张敏',
  callerNumber: '139****2222', state: 'completed',
  enteredAt: '2026-03-02T02:00:00.000Z', waitSeconds: 4, talkSeconds: 56, recordingFile,
});

let server: DeskTestServer;
let pinia: Pinia;
const mounted: VueWrapper[] = [];

/** Waits (with a deadline) until `selector` is in the drawer. */
async function waitFor(wrapper: VueWrapper, selector: string) {
  const started = Date.now();
  while (!wrapper.find(selector).exists()) {
    if (Date.now() - started > 2000) throw new Error(`never showed ${selector}: ${wrapper.text()}`);
    await flushPromises();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return wrapper.get(selector);
}

async function mountDrawer(roles: Role[], target: DrillTarget = TARGET) {
  useSessionStore().user = { id: 'u1', username: 'demo-lead', displayName: '值班长', roles } as unknown as SessionUser;
  const wrapper = mount(DrillDrawer, { props: { target }, global: { plugins: [pinia, i18n, ElementPlus], stubs: { teleport: true, 'router-link': true } } });
  mounted.push(wrapper);
  await waitFor(wrapper, '[data-testid="stats-drill-total"]');
  return wrapper;
}

beforeAll(async () => {
  server = await startDeskTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  setLocale('zh-CN');
  server.routes.clear();
  server.requests.length = 0;
  server.routes.set(DRILL_ROUTE, [200, { kind: 'calls', total: 3, page: 1, pageSize: 20, calls: [row('c1', '20260302/a.wav'), row('c2', '20260302/b.wav'), row('c3', null)] }]);
  server.routes.set('GET /calls/c1/recording/status', [200, { available: false, reason: 'missing' }]);
  server.routes.set('GET /calls/c2/recording/status', [200, { available: true, sizeBytes: 896_044, durationSeconds: 56 }]);
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

describe('recordings in the statistics drill-down', () => {
  it('says the file is not on the server for one call, and plays the other', async () => {
    const wrapper = await mountDrawer(['shift_lead']);
    expect(wrapper.find('[data-testid="play-recording-c3"]').exists()).toBe(false);
    // Nothing is asked about a recording before anyone chooses one.
    expect(server.requests.filter((request) => request.path.includes('/recording'))).toEqual([]);

    await wrapper.get('[data-testid="play-recording-c1"]').trigger('click');
    const missing = await waitFor(wrapper, '[data-testid="drill-recording"] [data-testid="recording-unavailable"]');
    expect(missing.text()).toBe('录音文件不在服务器上');
    expect(wrapper.get('[data-testid="drill-recording"]').text()).toContain('拨打 12345 市民服务热线 的通话');
    // Rows name the hotline and the agent, the outcome in words; the Linkedid is never shown.
    const table = wrapper.get('[data-testid="stats-drill-calls"]').text();
    expect(table).toContain('12345 市民服务热线');
    expect(table).toContain('坐席 张敏');
    expect(table).toContain('已完成');
    expect(wrapper.text()).not.toMatch(/\d{10}\.\d+/);
    expect(wrapper.find('[data-testid="recording-audio"]').exists()).toBe(false);

    await wrapper.get('[data-testid="play-recording-c2"]').trigger('click');
    const audio = await waitFor(wrapper, '[data-testid="drill-recording"] [data-testid="recording-audio"]');
    expect(audio.attributes('src')).toBe('/api/calls/c2/recording');
    expect(audio.attributes()).toHaveProperty('autoplay');
    expect(wrapper.get('[data-testid="recording-length"]').text()).toBe('录音时长 0 分 56 秒');
    expect(wrapper.find('[data-testid="recording-unavailable"]').exists()).toBe(false);
  });

  it('offers no recordings to a role that may not listen', async () => {
    const wrapper = await mountDrawer(['dispatcher']);
    expect(wrapper.find('[data-testid^="play-recording-"]').exists()).toBe(false);
  });
});

describe('tickets in the statistics drill-down', () => {
  const target: DrillTarget = { metric: 'on_time_sign', unitId: 'so-s01', period: TARGET.period };
  const route = `GET /statistics/drill?${new URLSearchParams({ ...toQueryPeriod(target.period), metric: target.metric, unitId: 'so-s01', part: 'denominator', page: '1', pageSize: '20' })}`;
  const ticket = { id: 't1', code: 'YX20260302-00001', title: '路灯不亮', confidential: false, state: 'signed', channel: 'phone', ticketClass: 'non_police', kind: 'complaint', categoryName: '路灯故障', categoryNameEn: 'Street lights', unitName: '高塘岭街道办事处', unitNameEn: 'Gaotangling office', createdAt: '2026-03-02T02:00:00.000Z' };

  it('says in words how many counted tickets are outside the reader\'s scope, in both languages', async () => {
    server.routes.set(route, [200, { kind: 'tickets', total: 2, page: 1, pageSize: 20, numerator: 1, denominator: 2, hiddenOnPage: 1, tickets: [ticket] }]);
    const wrapper = await mountDrawer(['dept_admin'], target);
    expect((await waitFor(wrapper, '[data-testid="stats-drill-hidden"]')).text()).toContain('本页有 1 件工单计入该指标，但不在您的权限范围内');
    expect(wrapper.get('[data-testid="stats-drill-tickets"]').text()).toContain('路灯不亮');
    setLocale('en');
    await flushPromises();
    expect(wrapper.get('[data-testid="stats-drill-hidden"]').text()).toContain('1 tickets on this page count in the figure but are outside your scope');
  });

  it('shows no such note when every ticket is listed', async () => {
    server.routes.set(route, [200, { kind: 'tickets', total: 1, page: 1, pageSize: 20, numerator: 1, denominator: 1, hiddenOnPage: 0, tickets: [ticket] }]);
    const wrapper = await mountDrawer(['dept_admin'], target);
    await waitFor(wrapper, '[data-testid="stats-drill-tickets"]');
    expect(wrapper.find('[data-testid="stats-drill-hidden"]').exists()).toBe(false);
  });
});
