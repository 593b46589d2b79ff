// @vitest-environment happy-dom
/**
 * 系统管理's link to the queue dashboard: shown to administrators, in their language, opening the
 * API's dashboard in a tab of its own; not shown to a department liaison, who also opens 系统管理.
 */
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@yixian/domain';
import type { SessionUser } from '#/api/auth';
import { i18n, setLocale } from '#/locales';
import { useSessionStore } from '#/stores/session.store';
import QueueDashboardLink from './queue-dashboard-link.vue';

function mountAs(roles: Role[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const user: SessionUser = {
    id: 'u1', username: 'someone', displayName: '某人', roles, scope: { all: true, areaIds: [], unitIds: [], categoryIds: [] }, unitId: null, areaId: null, mustChangePassword: false,
  };
  useSessionStore().applySession({ user, csrfToken: 'token', step: null });
  return mount(QueueDashboardLink, { global: { plugins: [ElementPlus, i18n, pinia] } });
}

afterEach(() => setLocale('zh-CN'));

describe('the queue dashboard link', () => {
  it('shows an administrator 队列监控, opening /api/admin/queues in a new tab', () => {
    const link = mountAs(['admin']).get('[data-testid="admin-queue-dashboard"]');
    expect(link.text()).toBe('队列监控');
    expect(link.attributes('href')).toBe('/api/admin/queues');
    expect(link.attributes('target')).toBe('_blank');
  });

  it('speaks English when asked', () => {
    setLocale('en');
    expect(mountAs(['admin']).get('[data-testid="admin-queue-dashboard"]').text()).toBe('Queue dashboard');
  });

  it('is not there for a department liaison', () => {
    expect(mountAs(['dept_admin']).find('[data-testid="admin-queue-dashboard"]').exists()).toBe(false);
  });
});
