import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { listNotifications, markNotificationRead, type NotificationView } from '#/api/notifications';

/** What the server pushes on `unit:<id>` / `user:<id>` when an inbox entry is written. */
export interface NotificationPush {
  type: 'notification';
  id: string;
  kind: string;
  ticketId: string | null;
  title: string;
}

/** Narrows a socket payload to a notification push; anything else (other pushes, junk) is ignored. */
export function isNotificationPush(payload: unknown): payload is NotificationPush {
  if (!payload || typeof payload !== 'object') return false;
  const p = payload as Record<string, unknown>;
  return p.type === 'notification' && typeof p.id === 'string' && p.id.length > 0 && typeof p.kind === 'string'
    && typeof p.title === 'string' && (p.ticketId === null || p.ticketId === undefined || typeof p.ticketId === 'string');
}

/** How many entries the bell keeps; older ones stay readable through the API. */
export const NOTIFICATION_LIST_SIZE = 20;

/**
 * The signed-in user's notifications (their own and their unit's): the list behind the bell,
 * the unread count on its badge, and `pushCount`, which pages watch to refresh their lists when
 * a dispatch, reminder or return arrives over the live socket.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<NotificationView[]>([]);
  const unread = ref(0);
  const total = ref(0);
  const isLoading = ref(false);
  const hasFailed = ref(false);
  const pushCount = ref(0);
  const hasUnread = computed(() => unread.value > 0);

  /** Re-reads the newest entries and the unread count. */
  async function fetchNotifications(): Promise<void> {
    isLoading.value = true;
    try {
      const page = await listNotifications({ pageSize: NOTIFICATION_LIST_SIZE });
      items.value = page.items;
      unread.value = page.unread;
      total.value = page.total;
      hasFailed.value = false;
    } catch (error) {
      hasFailed.value = true;
      throw error;
    } finally {
      isLoading.value = false;
    }
  }

  /** Marks one entry read, here and on the server; already-read entries cost no request. */
  async function markRead(id: string): Promise<void> {
    const entry = items.value.find((item) => item.id === id);
    if (entry?.readAt) return;
    const updated = await markNotificationRead(id);
    const index = items.value.findIndex((item) => item.id === id);
    if (index >= 0) items.value.splice(index, 1, updated);
    unread.value = Math.max(0, unread.value - 1);
  }

  /**
   * Applies one live push at once (badge + top of the list) so the user sees it without a
   * round trip; returns false for payloads that are not notifications. A push seen twice (two
   * topics, a reconnect) is counted once.
   */
  function applyLivePush(payload: unknown, receivedAt: Date = new Date()): boolean {
    if (!isNotificationPush(payload)) return false;
    if (items.value.some((item) => item.id === payload.id)) return true;
    items.value = [
      { id: payload.id, kind: payload.kind, title: payload.title, body: '', ticketId: payload.ticketId ?? null, unitId: null, userId: null, createdAt: receivedAt.toISOString(), readAt: null },
      ...items.value,
    ].slice(0, NOTIFICATION_LIST_SIZE);
    unread.value += 1;
    total.value += 1;
    pushCount.value += 1;
    return true;
  }

  return { items, unread, total, isLoading, hasFailed, hasUnread, pushCount, fetchNotifications, markRead, applyLivePush };
});
