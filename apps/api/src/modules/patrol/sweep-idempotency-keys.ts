/**
 * Idempotency keys are kept only as long as a retry can come: a phone sends a report, reply,
 * return or verification again with the same key when it got no answer, possibly after days
 * offline (a desk's intake, within moments). Keys older than the retention (`IDEMPOTENCY_KEY_DAYS`, longer than a phone may stay
 * offline) are removed daily by the `leftovers` queue; the records they made stay.
 */
import type { PrismaClient } from '@yixian/db';

/** Removes keys created before `now − days`; returns how many. Idempotent. */
export async function sweepIdempotencyKeys(prisma: PrismaClient, options: { now: Date; days: number }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.days * 86_400_000);
  const { count } = await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
