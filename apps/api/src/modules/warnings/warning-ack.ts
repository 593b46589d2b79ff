/**
 * The acknowledgement figure (预警确认率) of a warning: of the recipients of its latest published
 * revision, how many acknowledged (in the app, by phone). While an update awaits approval the
 * figure stays that of the revision in force. rate is null when there is nobody to count.
 */
import type { Prisma } from '@yixian/db';

export interface AckFigure {
  total: number;
  acknowledged: number;
  rate: number | null;
}

const figure = (total: number, acknowledged: number): AckFigure => ({ total, acknowledged, rate: total === 0 ? null : acknowledged / total });

/** The latest revision with recipients, per warning. */
export async function latestRecipientRevisions(db: Prisma.TransactionClient, warningIds: string[]): Promise<Map<string, number>> {
  if (warningIds.length === 0) return new Map();
  const rows = await db.warningRecipient.groupBy({ by: ['warningId'], where: { warningId: { in: warningIds } }, _max: { revision: true } });
  return new Map(rows.map((row) => [row.warningId, row._max.revision ?? 0]));
}

export async function ackFigures(db: Prisma.TransactionClient, warningIds: string[]): Promise<Map<string, AckFigure>> {
  const revisions = await latestRecipientRevisions(db, warningIds);
  const result = new Map<string, AckFigure>(warningIds.map((id) => [id, figure(0, 0)]));
  if (revisions.size === 0) return result;
  const rows = await db.warningRecipient.groupBy({
    by: ['warningId', 'revision'],
    where: { OR: [...revisions].map(([warningId, revision]) => ({ warningId, revision })) },
    _count: { _all: true, acknowledgedAt: true },
  });
  for (const row of rows) result.set(row.warningId, figure(row._count._all, row._count.acknowledgedAt));
  return result;
}
