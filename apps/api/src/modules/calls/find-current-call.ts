import type { PrismaClient } from '@yixian/db';

/**
 * The call an agent is talking on: answered by that interface on that PBX and not ended
 * (newest first, should the PBX ever have lost an ending). The desk asks after a reload to
 * restore its call panel and the ticket's link to the call.
 */
export async function findCurrentCall(prisma: PrismaClient, options: { pbxId: string; agentInterface: string }) {
  return prisma.call.findFirst({
    where: { pbxId: options.pbxId, agentInterface: options.agentInterface, state: 'answered', endedAt: null },
    orderBy: { answeredAt: 'desc' },
    include: { tickets: { select: { id: true, code: true, state: true } } },
  });
}
