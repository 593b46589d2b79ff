// @vitest-environment happy-dom
/**
 * The wallboard's differences with the PBX accounting as the shift lead reads them (zh-CN and en),
 * against a small server speaking the API's shape: names and words, not ids; numbers masked.
 */
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import type { DiscrepancyList } from '#/api/accounting';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer } from '#/stores/desk-test-server';
import DiscrepanciesPanel from './discrepancies-panel.vue';

const ROUTE = 'GET /calls/discrepancies?pageSize=50';
let server: DeskTestServer;

const list = (over: Partial<DiscrepancyList> = {}): DiscrepancyList => ({
  enabled: true,
  lastRunAt: '2026-12-04T21:40:00.000Z',
  total: 2,
  items: [
    {
      id: 'd1', callId: 'c1', linkedid: 'rec-1', field: 'talkSeconds', yixianValue: '32', pbxValue: '2', yixianName: null, pbxName: null,
      detectedAt: '2026-12-04T21:40:00.000Z', lastSeenAt: '2026-12-04T21:40:00.000Z', resolvedAt: null,
      call: { hotlineNumber: '12345', hotlineName: '市民服务热线', hotlineNameEn: 'Citizen service', callerNumber: '139****2222', state: 'completed', source: 'ami', enteredAt: '2026-12-04T21:39:00.000Z', agentName: '话务员 李娜' },
    },
    {
      id: 'd2', callId: 'c2', linkedid: 'rec-2', field: 'agentInterface', yixianValue: 'PJSIP/8102', pbxValue: 'PJSIP/8101', yixianName: '话务员1', pbxName: '话务员 李娜',
      detectedAt: '2026-12-04T21:40:00.000Z', lastSeenAt: '2026-12-04T21:40:00.000Z', resolvedAt: null,
      call: { hotlineNumber: '12369', hotlineName: '环保热线', hotlineNameEn: 'Environment', callerNumber: '137****3333', state: 'abandoned', source: 'accounting', enteredAt: '2026-12-04T21:38:00.000Z', agentName: '话务员1' },
    },
  ],
  ...over,
});

const mounted: { unmount(): void }[] = [];

/** Mounts the panel and waits (with a deadline) until its request was answered and shown. */
const mountPanel = async () => {
  const wrapper = mount(DiscrepanciesPanel, { global: { plugins: [i18n, ElementPlus] } });
  mounted.push(wrapper);
  const started = Date.now();
  while (wrapper.find('.el-skeleton').exists()) {
    if (Date.now() - started > 2000) throw new Error('the panel never left its loading state');
    await flushPromises();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await flushPromises();
  return wrapper;
};

beforeAll(async () => {
  server = await startDeskTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});
beforeEach(() => {
  server.routes.clear();
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

describe('differences with the PBX accounting on the wallboard', () => {
  it('lists them by hotline and agent name, the field and both sides in words (zh-CN)', async () => {
    setLocale('zh-CN');
    server.routes.set(ROUTE, [200, list()]);
    const wrapper = await mountPanel();
    const text = wrapper.text();
    expect(text).toContain('与交换机话单的差异');
    expect(wrapper.get('[data-testid="discrepancy-count"]').text()).toBe('2 处未解决');
    expect(text).toContain('市民服务热线 12345');
    expect(text).toContain('话务员 李娜');
    expect(text).toContain('通话时长');
    expect(wrapper.findAll('[data-testid="discrepancy-yixian"]').map((cell) => cell.text())).toEqual(['32 秒', '话务员1']);
    expect(wrapper.findAll('[data-testid="discrepancy-pbx"]').map((cell) => cell.text())).toEqual(['2 秒', '话务员 李娜']);
    expect(text).toContain('话单补录');
    expect(text).not.toContain('rec-1');
    expect(text).not.toContain('PJSIP/');
  });

  it('reads in English too', async () => {
    setLocale('en');
    server.routes.set(ROUTE, [200, list()]);
    const text = (await mountPanel()).text();
    expect(text).toContain('Differences with the PBX accounting');
    expect(text).toContain('Citizen service 12345');
    expect(text).toContain('Talk time');
    expect(text).toContain('32 s');
    setLocale('zh-CN');
  });

  it('says when everything agrees, and when the reconciler is off', async () => {
    setLocale('zh-CN');
    server.routes.set(ROUTE, [200, list({ total: 0, items: [] })]);
    expect((await mountPanel()).text()).toContain('通话记录与交换机话单一致');
    server.routes.set(ROUTE, [200, list({ enabled: false, lastRunAt: null, total: 0, items: [] })]);
    const off = await mountPanel();
    expect(off.get('[data-testid="discrepancy-off"]').text()).toContain('未配置交换机话单库');
  });
});
