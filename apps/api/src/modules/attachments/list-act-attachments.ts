/** The files a ticket's trail entries carry, for the ticket's detail view. */
import type { PrismaClient } from '@yixian/db';
import { presentAttachment, type AttachmentView } from './present-attachment.js';

/** The files the trail's acts carry, by trail entry id (pending uploads are left out). */
export async function listActAttachments(prisma: PrismaClient, ticketId: string): Promise<Map<string, AttachmentView[]>> {
  const rows = await prisma.ticketAttachment.findMany({ where: { ticketId, eventId: { not: null } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const byEvent = new Map<string, AttachmentView[]>();
  for (const row of rows) {
    const key = String(row.eventId);
    byEvent.set(key, [...(byEvent.get(key) ?? []), presentAttachment(row)]);
  }
  return byEvent;
}
