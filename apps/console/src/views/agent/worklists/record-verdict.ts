/**
 * A follow-up's verdict on the ticket (回访结论): `replied` takes the follow-up then the close,
 * `follow_up` only the close; not satisfied reopens it to the same unit instead of closing.
 * Shared by the call-out dialog and the list's 记为无法联系 for a case out of attempts.
 */
import type { FollowUpVerdict } from '@yixian/domain';
import { runTicketAction } from '#/api/tickets';

/** Records the verdict; answers whether the ticket closed (false: reopened). */
export async function recordVerdict(ticketId: string, ticketState: string | undefined, verdict: FollowUpVerdict, note?: string): Promise<boolean> {
  const text = note?.trim() || undefined;
  if (ticketState !== 'follow_up') await runTicketAction(ticketId, 'follow-up', { verdict, ...(text ? { note: text } : {}) });
  if (verdict === 'not_satisfied') return false;
  await runTicketAction(ticketId, 'close', { verdict, ...(text ? { note: text } : {}) });
  return true;
}
