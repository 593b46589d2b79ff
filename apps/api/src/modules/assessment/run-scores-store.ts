/** Writes a run's scores (inside the caller's transaction); the database refuses it for a published run. */
import type { Prisma } from '@yixian/db';
import type { ScoreRow } from './compute-run-scores.js';

export async function writeRunScores(tx: Prisma.TransactionClient, runId: string, rows: readonly ScoreRow[]): Promise<void> {
  await tx.assessmentScore.deleteMany({ where: { runId } });
  if (rows.length === 0) return;
  await tx.assessmentScore.createMany({
    data: rows.map((row) => ({
      runId, unitId: row.unitId, unitType: row.unitType, score: row.score, rank: row.rank, indicators: row.indicators as unknown as Prisma.InputJsonValue,
    })),
  });
}
