/**
 * Ranking per unit type and the red/black lists (红黑榜). Ties share a rank (1, 2, 2, 4) and are
 * ordered by unit code, so a run always lists units in the same order. A unit without data (score
 * null) gets no rank and is listed after the ranked ones, by code.
 */
export interface RankInput { unitId: string; unitCode: string; score: number | null }

export const LIST_SIZE = 5;
export const PERFECT_SCORE = 100;

export function rankScores<T extends RankInput>(rows: readonly T[]): (T & { rank: number | null })[] {
  const byCode = (a: T, b: T) => a.unitCode.localeCompare(b.unitCode);
  const scored = rows.filter((row) => row.score !== null).sort((a, b) => b.score! - a.score! || byCode(a, b));
  const unscored = rows.filter((row) => row.score === null).sort(byCode);
  let rank = 0;
  const ranked = scored.map((row, index) => {
    if (index === 0 || row.score !== scored[index - 1]!.score) rank = index + 1;
    return { ...row, rank: rank as number | null };
  });
  return [...ranked, ...unscored.map((row) => ({ ...row, rank: null }))];
}

/**
 * Red list (红榜, best first) and black list (黑榜, worst first) from rows already ranked; unranked
 * rows are ignored. With fewer than 2 × size ranked units the red list takes the better half
 * (rounded up) and the black list the rest, so no unit is on both. A unit is never black-listed
 * with a perfect score or when it ties with a red-listed unit (it did as well as a red one).
 */
export function pickRedBlackLists<T extends { rank: number | null; score: number | null }>(
  rows: readonly T[], size = LIST_SIZE,
): { red: T[]; black: T[] } {
  const ranked = rows.filter((row) => row.rank !== null && row.score !== null);
  const red = ranked.slice(0, Math.min(size, Math.ceil(ranked.length / 2)));
  const blackSize = Math.min(size, ranked.length - red.length);
  const lastRedRank = red.at(-1)?.rank ?? 0;
  const black = ranked
    .slice(ranked.length - blackSize)
    .filter((row) => row.score! < PERFECT_SCORE && row.rank! > lastRedRank!)
    .reverse();
  return { red, black };
}
