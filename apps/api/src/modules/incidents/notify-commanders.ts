/** An inbox entry (and live push) for every active commander, inside the caller's transaction; idempotent by key. */
import type { Prisma } from '@yixian/db';
import { ROLES } from '@yixian/domain';
import type { NotificationKind } from '../notifications/notification-kinds.js';
import { notify } from '../notifications/notify.js';

export async function notifyCommanders(
  tx: Prisma.TransactionClient, input: { kind: NotificationKind; dedupeKey: string; title: string; body?: string },
): Promise<number> {
  const commanders = await tx.user.findMany({ where: { roles: { has: ROLES.commander }, status: 'active' }, select: { id: true } });
  let written = 0;
  for (const commander of commanders) {
    const id = await notify(tx, { userId: commander.id }, {
      ticketId: null, kind: input.kind, dedupeKey: `${input.dedupeKey}-${commander.id}`.slice(0, 180), title: input.title, body: input.body, sms: false,
    });
    if (id) written += 1;
  }
  return written;
}
