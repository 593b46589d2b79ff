/** An inbox entry (and live push) for every active commander, inside the caller's transaction; idempotent by key. */
import type { Prisma } from '@yixian/db';
import { findCommanderIds } from '../incident-tasks/find-commanders.js';
import type { NotificationKind } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';

export async function notifyCommanders(
  tx: Prisma.TransactionClient, input: { kind: NotificationKind; dedupeKey: string; title: string; body?: string },
): Promise<number> {
  let written = 0;
  for (const commanderId of await findCommanderIds(tx)) {
    const id = await notify(tx, { userId: commanderId }, {
      ticketId: null, kind: input.kind, dedupeKey: `${input.dedupeKey}-${commanderId}`.slice(0, 180), title: input.title, body: input.body, sms: false,
    });
    if (id) written += 1;
  }
  return written;
}
