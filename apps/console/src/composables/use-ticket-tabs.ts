import { ref, shallowReactive, watch, type Ref } from 'vue';
import type { TicketView } from '#/api/tickets';
import { useNotificationsStore } from '#/stores/notifications.store';
import { usePolling } from './use-polling';

/**
 * The list loading shared by the work-queue pages (承办工作台, 派单中心): every tab loads
 * together so each shows its count; a live notification reloads them and a slow poll covers a
 * missed push. `loadTab` returns a tab's tickets; a tab that fails keeps its last list and is
 * marked failed, and the first failure is rethrown after all tabs settled (the request client
 * already showed it).
 * Lists are shallow (replaced whole, never edited in place): no deep proxies over the tickets.
 */
export function useTicketTabs<Tab extends string>(options: {
  tabs: readonly Tab[];
  initialTab: Tab;
  loadTab: (tab: Tab) => Promise<TicketView[]>;
  refreshMs: number;
}) {
  const { tabs, loadTab, refreshMs } = options;
  const activeTab = ref(options.initialTab) as Ref<Tab>;
  const lists: Record<Tab, readonly TicketView[]> = shallowReactive(Object.fromEntries(tabs.map((tab) => [tab, [] as readonly TicketView[]])) as Record<Tab, readonly TicketView[]>);
  const failed: Record<Tab, boolean> = shallowReactive(Object.fromEntries(tabs.map((tab) => [tab, false])) as Record<Tab, boolean>);
  const hasLoaded = ref(false);
  /** Per tab: its first answer (or failure) came, so a page may show that tab before the others settle. */
  const isTabLoaded: Record<Tab, boolean> = shallowReactive(Object.fromEntries(tabs.map((tab) => [tab, false])) as Record<Tab, boolean>);

  async function refreshTab(tab: Tab): Promise<void> {
    try {
      lists[tab] = await loadTab(tab);
      failed[tab] = false;
    } catch (error) {
      failed[tab] = true;
      throw error;
    } finally {
      isTabLoaded[tab] = true;
    }
  }

  const { isRunning, runNow } = usePolling(async () => {
    const results = await Promise.allSettled(tabs.map(refreshTab));
    hasLoaded.value = true;
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (rejected) throw rejected.reason;
  }, refreshMs);

  const notifications = useNotificationsStore();
  watch(() => notifications.pushCount, () => void runNow());

  return { activeTab, lists, failed, hasLoaded, isTabLoaded, isRunning, runNow };
}
