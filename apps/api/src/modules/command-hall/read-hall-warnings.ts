/** The warnings in force (published) with their acknowledgement figure, most severe first. */
import type { PrismaClient } from '@yixian/db';
import { ackFigures } from '../warnings/warning-ack.js';

const LEVEL_ORDER: Record<string, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };

export async function readHallWarnings(prisma: PrismaClient) {
  const warnings = await prisma.warning.findMany({
    where: { state: 'published' },
    select: { id: true, code: true, level: true, type: true, title: true, validUntil: true, publishedAt: true },
    take: 50,
  });
  const acks = await ackFigures(prisma as unknown as Parameters<typeof ackFigures>[0], warnings.map((w) => w.id));
  return warnings
    .map((warning) => ({
      id: warning.id, code: warning.code, level: warning.level, type: warning.type, title: warning.title,
      validUntil: warning.validUntil.toISOString(), publishedAt: warning.publishedAt?.toISOString() ?? null,
      ack: acks.get(warning.id) ?? { total: 0, acknowledged: 0, rate: null },
    }))
    .sort((a, b) => (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}
