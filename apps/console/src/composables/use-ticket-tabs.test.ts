// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, isReactive } from 'vue';
import type { TicketView } from '#/api/tickets';
import { useNotificationsStore } from '#/stores/notifications.store';
import { useTicketTabs } from './use-ticket-tabs';

const ticket = (id: string) => ({ id, code: `YX-${id}`, state: 'signed' }) as unknown as TicketView;

/** Mounts a page using the composable; `loadTab` answers from `answers` and records each call. */
function mountTabs(answers: Record<'a' | 'b', () => TicketView[]>) {
  const calls: string[] = [];
  let tabs!: ReturnType<typeof useTicketTabs<'a' | 'b'>>;
  const wrapper = mount(
    defineComponent({
      setup() {
        tabs = useTicketTabs({
          tabs: ['a', 'b'],
          initialTab: 'a',
          refreshMs: 60_000,
          loadTab: async (tab) => {
            calls.push(tab);
            return answers[tab]();
          },
        });
        return () => h('div', tabs.lists[tabs.activeTab.value].length);
      },
    }),
  );
  return { wrapper, calls, tabs: () => tabs };
}

describe('useTicketTabs', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads every tab together on mount and keeps the lists shallow', async () => {
    const { wrapper, calls, tabs } = mountTabs({ a: () => [ticket('1')], b: () => [ticket('2'), ticket('3')] });
    await flushPromises();
    expect(calls).toEqual(['a', 'b']);
    expect(tabs().hasLoaded.value).toBe(true);
    expect(tabs().lists.b.map((t) => t.id)).toEqual(['2', '3']);
    expect(isReactive(tabs().lists.b[0])).toBe(false);
    tabs().activeTab.value = 'b';
    await flushPromises();
    expect(wrapper.text()).toBe('2');
    expect(calls).toEqual(['a', 'b']);
    wrapper.unmount();
  });

  it('marks a failed tab, keeps its last list, and reloads all tabs on a live push', async () => {
    let failB = false;
    const { wrapper, calls, tabs } = mountTabs({
      a: () => [ticket('1')],
      b: () => {
        if (failB) throw new Error('down');
        return [ticket('2')];
      },
    });
    await flushPromises();
    failB = true;
    useNotificationsStore().applyLivePush({ type: 'notification', id: 'n1', kind: 'dispatch', title: 'x', ticketId: null });
    await flushPromises();
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    expect(tabs().failed).toEqual({ a: false, b: true });
    expect(tabs().lists.b.map((t) => t.id)).toEqual(['2']);
    wrapper.unmount();
  });
});
