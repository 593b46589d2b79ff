/**
 * Names for a notification's text: the ticket's category and lead unit by name (an inbox entry or
 * a text message is read by people, who know neither ids nor codes like `city.streetlight`).
 */
import type { Prisma } from '@yixian/db';
import { findCachedCategory } from '../catalogue/category-cache.js';
import { findCachedUnit } from '../organisation/organisation-cache.js';

/** What names a ticket: its category and lead unit (ids; the names come from the per-process copies). */
export interface NamedTicketRef {
  categoryId: string;
  leadUnitId: string | null;
}

/**
 * `城市管理 · 城管局`, or null when the ticket is gone. A caller that holds the ticket as it is
 * now (the transition that just wrote it) passes it as `known`, and nothing is read.
 */
export async function nameNotifiedTicket(tx: Prisma.TransactionClient, ticketId: string, known?: NamedTicketRef): Promise<string | null> {
  const ticket = known ?? await tx.ticket.findUnique({ where: { id: ticketId }, select: { categoryId: true, leadUnitId: true } });
  if (!ticket) return null;
  const category = await findCachedCategory(tx, ticket.categoryId);
  const unit = ticket.leadUnitId ? await findCachedUnit(tx, ticket.leadUnitId) : null;
  return [category?.name, unit?.name].filter(Boolean).join(' · ');
}

/** The title with the names after it, kept within the 200 characters an entry allows. */
export function appendNames(title: string, names: string | null): string {
  if (!names) return title;
  const named = `${title}（${names}）`;
  return named.length <= 200 ? named : title;
}

/** A deadline as the centre reads it: Asia/Shanghai wall clock, `2026-02-03 17:00`. */
export function formatDue(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
