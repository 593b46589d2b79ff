/** Test data with random ids and phone numbers; tickets written directly until intake exists. */
import { randomInt, randomUUID } from 'node:crypto';
import type { PrismaClient } from '@yixian/db';

export function randomPhone(): string {
  return `13${randomInt(0, 10)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface TicketFactoryOptions {
  areaId?: string;
  leadUnitId?: string | null;
  supportingUnitIds?: string[];
  categoryId?: string;
  confidential?: boolean;
  callerNumber?: string;
  state?: string;
}

export async function createTicket(prisma: PrismaClient, options: TicketFactoryOptions = {}) {
  const area = options.areaId ? await prisma.area.findUniqueOrThrow({ where: { id: options.areaId } }) : null;
  const id = randomUUID();
  return prisma.ticket.create({
    data: {
      id,
      code: `T-${id.slice(0, 8)}`,
      channel: 'phone',
      ticketClass: 'non_police',
      state: options.state ?? 'dispatched',
      kind: 'complaint',
      categoryId: options.categoryId ?? 'env.noise',
      title: 'Noise at night',
      description: 'Loud music after midnight',
      callerNumber: options.callerNumber ?? randomPhone(),
      confidential: options.confidential ?? false,
      areaId: area?.id ?? null,
      areaPath: area?.path ?? null,
      leadUnitId: options.leadUnitId ?? null,
      supportingUnitIds: options.supportingUnitIds ?? [],
    },
  });
}
