/**
 * Ranking per unit type and the red/black lists (红黑榜). Ties share a rank (1, 2, 2, 4) and are
 * ordered by unit code, so a run always lists units in the same order.
 */
export interface RankInput { unitId: string; unitCode: string; score: number }
export interface Ranked extends RankInput { rank: number }

export const LIST_SIZE = 5;

export function rankScores<T extends RankInput>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.unitCode.localeCompare(b.unitCode));
  let rank = 0;
  return sorted.map((row, index) => {
    if (index === 0 || row.score !== sorted[index - 1]!.score) rank = index + 1;
    return { ...row, rank };
  });
}

/** Top five (红榜) best first and bottom five (黑榜) worst first, from rows already ranked. */
export function pickRedBlackLists<T extends { rank: number }>(ranked: readonly T[], size = LIST_SIZE): { red: T[]; black: T[] } {
  return { red: ranked.slice(0, size), black: ranked.slice(-size).reverse() };
}
