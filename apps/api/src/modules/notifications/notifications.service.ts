/** The inbox: what a user sees is addressed to them or to their unit, nothing else. */
import type { Notification, Prisma, PrismaClient } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';

export interface InboxOwner {
  id: string;
  unitId: string | null;
}

function inboxWhere(owner: InboxOwner): Prisma.NotificationWhereInput {
  return { OR: [{ userId: owner.id }, ...(owner.unitId ? [{ unitId: owner.unitId }] : [])] };
}

export function presentNotification(n: Notification) {
  return {
    id: n.id, kind: n.kind, title: n.title, body: n.body, ticketId: n.ticketId, unitId: n.unitId, userId: n.userId,
    createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
  };
}

/** One page of the inbox, newest first, with the unread count across the whole inbox. */
export async function listNotifications(prisma: PrismaClient, owner: InboxOwner, query: { page: number; pageSize: number; unreadOnly?: boolean }) {
  const where = inboxWhere(owner);
  const pageWhere = query.unreadOnly ? { AND: [where, { readAt: null }] } : where;
  const [total, unread, items] = await Promise.all([
    prisma.notification.count({ where: pageWhere }),
    prisma.notification.count({ where: { AND: [where, { readAt: null }] } }),
    prisma.notification.findMany({ where: pageWhere, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return { total, unread, items: items.map(presentNotification) };
}

/**
 * Marks an entry read (a unit's entry is read for the whole unit: it is one shared inbox).
 * Reading twice keeps the first time.
 */
export async function markNotificationRead(prisma: PrismaClient, owner: InboxOwner, id: string, now: Date) {
  const found = await prisma.notification.findFirst({ where: { AND: [inboxWhere(owner), { id }] } });
  if (!found) throw new AppError('not_found', `Notification ${id} not found`, { field: 'id' });
  if (found.readAt) return presentNotification(found);
  await prisma.notification.updateMany({ where: { id, readAt: null }, data: { readAt: now } });
  return presentNotification(await prisma.notification.findUniqueOrThrow({ where: { id } }));
}
