import { requestClient } from './client';

/** One inbox entry for the user or their unit; the title names a ticket code, never caller data. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  ticketId: string | null;
  unitId: string | null;
  userId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  total: number;
  unread: number;
  items: NotificationView[];
}

/** The signed-in user's inbox (own and unit entries), newest first, with the unread count. */
export function listNotifications(query: { page?: number; pageSize?: number; unreadOnly?: boolean } = {}): Promise<NotificationPage> {
  return requestClient.get<NotificationPage>('/notifications', { query: { ...query } });
}

/** Marks one entry read (a unit entry is read for the whole unit). */
export function markNotificationRead(id: string): Promise<NotificationView> {
  return requestClient.post<NotificationView>(`/notifications/${encodeURIComponent(id)}/read`, {});
}
