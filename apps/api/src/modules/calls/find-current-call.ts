import type { PrismaClient } from '@yixian/db';

const include = { tickets: { select: { id: true, code: true, state: true } } } as const;

/**
 * The call an agent is on, for the desk to restore its call panel and the ticket's link to the
 * call after a reload: the call answered by that interface on that PBX and not ended (newest
 * first, should the PBX ever have lost an ending); else, when `endedSince` is given, the newest
 * call it answered that ended at or after then (the call its after-call work is for), shown ended.
 */
export async function findCurrentCall(prisma: PrismaClient, options: { pbxId: string; agentInterface: string; endedSince?: Date | null }) {
  const mine = { pbxId: options.pbxId, agentInterface: options.agentInterface };
  const talking = await prisma.call.findFirst({
    where: { ...mine, state: 'answered', endedAt: null },
    orderBy: { answeredAt: 'desc' },
    include,
  });
  if (talking || !options.endedSince) return talking;
  return prisma.call.findFirst({
    where: { ...mine, answeredAt: { not: null }, endedAt: { gte: options.endedSince } },
    orderBy: { endedAt: 'desc' },
    include,
  });
}
