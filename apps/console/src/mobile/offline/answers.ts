/**
 * The last answers of the inbox and of the tickets opened, kept per account so they are readable
 * without signal ("离线，显示的是 HH:mm 的内容"). Only the newest tickets are kept; signing out
 * drops them all.
 */
import { openPhoneDb } from './phone-db';

/** How many opened tickets are kept. */
export const KEPT_TICKETS = 20;
const TICKET_PREFIX = 'ticket:';

export function inboxAnswerKey(tab: string): string {
  return `inbox:${tab}`;
}

export function ticketAnswerKey(id: string): string {
  return `${TICKET_PREFIX}${id}`;
}

/** Keeps an answer; past KEPT_TICKETS tickets the oldest go. Never fails the page. */
export async function saveAnswer(key: string, userId: string, data: unknown): Promise<void> {
  try {
    const db = await openPhoneDb();
    await db.put('answers', { key: `${userId}/${key}`, userId, savedAt: new Date().toISOString(), data });
    if (!key.startsWith(TICKET_PREFIX)) return;
    const tickets = (await db.getAllFromIndex('answers', 'savedAt')).filter((answer) => answer.userId === userId && answer.key.startsWith(`${userId}/${TICKET_PREFIX}`));
    for (const old of tickets.slice(0, Math.max(0, tickets.length - KEPT_TICKETS))) await db.delete('answers', old.key);
  } catch {
    // A full or blocked store only costs the offline copy.
  }
}

/** The kept answer and when it was saved, or null. */
export async function readAnswer<T>(key: string, userId: string): Promise<{ data: T; savedAt: string } | null> {
  try {
    const db = await openPhoneDb();
    const answer = await db.get('answers', `${userId}/${key}`);
    return answer ? { data: answer.data as T, savedAt: answer.savedAt } : null;
  } catch {
    return null;
  }
}

/** Drops every kept answer (sign-out: the next person on this phone sees none of them). */
export async function clearAnswers(): Promise<void> {
  try {
    const db = await openPhoneDb();
    await db.clear('answers');
  } catch {
    // Nothing kept.
  }
}
