/**
 * The 70/20/10 view of where work settled: one row per level (网格 / 街镇 / 区直部门) with its
 * count, its share beside the target share, and the grid workers' part of it (自处, 巡查上报).
 */
import { SETTLEMENT_LEVELS, type SettlementLevel, type SettlementShares } from '#/api/settlement';

export interface SettlementRow {
  level: SettlementLevel;
  count: number;
  /** Share in [0, 1]; null when nothing closed in the period. */
  share: number | null;
  norm: number;
  /** Whether the share is on the right side of the norm: at least it in the grid, at most it above. */
  meetsNorm: boolean | null;
  onSpot: number;
  patrol: number;
}

/** A share as a whole percentage with one decimal (`71.4%`), or a dash. */
export const formatShare = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export function buildSettlementRows(shares: SettlementShares): SettlementRow[] {
  return SETTLEMENT_LEVELS.map((level) => {
    const share = shares.shares[level];
    const norm = shares.norms[level];
    // Work should settle low: the grid's share should reach its norm, the levels above stay under theirs.
    const meetsNorm = share === null ? null : level === 'grid' ? share >= norm : share <= norm;
    return { level, count: shares.counts[level], share, norm, meetsNorm, ...shares.breakdown[level] };
  });
}
