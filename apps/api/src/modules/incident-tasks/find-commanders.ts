/** The accounts an emergency alarm goes to: every active commander (区级指挥). */
import type { Prisma, PrismaClient } from '@yixian/db';
import { ROLES } from '@yixian/domain';

export async function findCommanderIds(db: Pick<PrismaClient | Prisma.TransactionClient, 'user'>): Promise<string[]> {
  const users = await db.user.findMany({ where: { roles: { has: ROLES.commander }, status: 'active' }, select: { id: true }, orderBy: { username: 'asc' } });
  return users.map((user) => user.id);
}
