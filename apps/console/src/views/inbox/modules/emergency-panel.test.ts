// @vitest-environment happy-dom
/**
 * The unit's 应急响应 panel as its handler sees it (zh-CN), against a small server speaking the
 * API's shapes: a red banner and a big acknowledge button while an activation waits, gone once
 * acknowledged; a task signed with the version it was read at.
 */
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, createMemoryHistory } from 'vue-router';
import { requestClient } from '#/api/client';
import { i18n, setLocale } from '#/locales';
import { startDeskTestServer, type DeskTestServer, waitFor } from '#/stores/desk-test-server';
import EmergencyPanel from './emergency-panel.vue';

let server: DeskTestServer;
const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }, { path: '/incidents/:id', name: 'incident-detail', component: { template: '<div />' } }] });

const activation = (state: string, acknowledgedAt: string | null) => ({
  id: 'a1', incident: { id: 'i1', code: 'SJ202612050001', title: '燃气管道泄漏', level: 'III', type: 'accident' },
  unit: { id: 'u1', name: '城市管理和综合执法局', tier: 1 }, state, fieldStatus: 'dispatched', target: 'on_duty', attempts: 1,
  onDuty: null, acknowledgedAt, acknowledgedVia: acknowledgedAt ? 'app' : null, acknowledgedBy: null, escalatedAt: null, calls: [],
});
const task = (state: string, version: number) => ({
  id: 't1', incident: { id: 'i1', code: 'SJ202612050001', title: '燃气管道泄漏' }, unit: { id: 'u1', name: '城市管理和综合执法局' },
  title: '封控泄漏点周边道路', description: '', state, dueAt: new Date(Date.now() + 3_600_000).toISOString(), overdue: false,
  signedAt: null, doneAt: null, progress: [], version,
});


beforeAll(async () => {
  server = await startDeskTestServer();
  setLocale('zh-CN');
});
afterAll(() => server.close());
beforeEach(() => {
  server.routes.clear();
  server.requests.length = 0;
  requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args), onError: () => {} });
});

describe('the unit\'s emergency panel', () => {
  it('shows a red banner and a big acknowledge button until the activation is acknowledged', async () => {
    let acknowledged = false;
    server.routes.set('GET /incident-activations?mine=1', () => [200, { items: [acknowledged ? activation('acknowledged', new Date().toISOString()) : activation('notifying', null)] }]);
    server.routes.set('GET /incident-tasks?mine=1', [200, { items: [] }]);
    server.routes.set('POST /incident-activations/a1/acknowledge', () => {
      acknowledged = true;
      return [200, activation('acknowledged', new Date().toISOString())];
    });
    const wrapper = mount(EmergencyPanel, { global: { plugins: [i18n, ElementPlus, router] } });
    await waitFor(() => wrapper.find('[data-testid="emergency-banner"]').exists());
    expect(wrapper.get('[data-testid="emergency-banner"]').text()).toContain('有 1 项应急联动待确认，请立即确认！');
    expect(wrapper.text()).toContain('SJ202612050001 燃气管道泄漏');
    expect(wrapper.text()).toContain('Ⅲ级');

    await wrapper.get('[data-testid="emergency-acknowledge"]').trigger('click');
    await waitFor(() => wrapper.find('[data-testid="emergency-acknowledged"]').exists());
    expect(server.requests.some((request) => request.method === 'POST' && request.path === '/incident-activations/a1/acknowledge')).toBe(true);
    expect(wrapper.find('[data-testid="emergency-banner"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="emergency-acknowledged"]').text()).toBe('已确认');
    wrapper.unmount();
  });

  it('signs a task with the version it was read at', async () => {
    let signed = false;
    server.routes.set('GET /incident-activations?mine=1', [200, { items: [] }]);
    server.routes.set('GET /incident-tasks?mine=1', () => [200, { items: [signed ? task('signed', 2) : task('assigned', 1)] }]);
    server.routes.set('POST /incident-tasks/t1/actions/sign', () => {
      signed = true;
      return [200, task('signed', 2)];
    });
    const wrapper = mount(EmergencyPanel, { global: { plugins: [i18n, ElementPlus, router] } });
    await waitFor(() => wrapper.find('[data-testid="emergency-task-sign"]').exists());
    expect(wrapper.get('[data-testid="emergency-task-state"]').text()).toBe('待签收');
    await wrapper.get('[data-testid="emergency-task-sign"]').trigger('click');
    await waitFor(() => wrapper.find('[data-testid="emergency-task-state"][data-state="signed"]').exists());
    expect(server.requests.find((request) => request.path === '/incident-tasks/t1/actions/sign')?.body).toEqual({ version: 1 });
    expect(wrapper.find('[data-testid="emergency-task-done"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
