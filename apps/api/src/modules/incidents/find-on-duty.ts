/**
 * Who is on duty for a unit at an instant: the DutyShift of that role with startsAt ≤ at < endsAt
 * (the latest started when rosters overlap). The duty-rosters module's `findOnDuty` may replace this.
 */
import type { DutyShift, Prisma, PrismaClient } from '@yixian/db';
import type { DutyRole } from '@yixian/domain';

type Db = Pick<PrismaClient | Prisma.TransactionClient, 'dutyShift'>;

export async function findOnDuty(db: Db, unitId: string, at: Date, role: DutyRole = 'on_duty'): Promise<DutyShift | null> {
  return db.dutyShift.findFirst({
    where: { unitId, role, startsAt: { lte: at }, endsAt: { gt: at } },
    orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
  });
}
