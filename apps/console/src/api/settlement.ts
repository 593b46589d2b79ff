import { requestClient } from './client';

export const SETTLEMENT_LEVELS = ['grid', 'street', 'district'] as const;
export type SettlementLevel = (typeof SETTLEMENT_LEVELS)[number];

/** Where closed non-police tickets settled: the 70 / 20 / 10 target. */
export interface SettlementShares {
  total: number;
  counts: Record<SettlementLevel, number>;
  shares: Record<SettlementLevel, number | null>;
  /** The target shares (0.7 / 0.2 / 0.1). */
  norms: Record<SettlementLevel, number>;
  /** Of each level's count: handled on the spot by a grid worker (自处), and patrol reports (巡查上报) routed there. */
  breakdown: Record<SettlementLevel, { onSpot: number; patrol: number }>;
}

/** Settlement shares for a period (ISO date-times). */
export function getSettlementShares(range: { from: string; to: string }): Promise<SettlementShares> {
  return requestClient.get<SettlementShares>('/tickets/settlement-shares', { query: { ...range } });
}
