import { requestClient } from './client';

/** Today's figures (fractions 0..1 and seconds; null when there is nothing to divide). */
export interface WallboardToday {
  day: string;
  calls: {
    offered: number;
    answered: number;
    abandoned: number;
    answeredWithin15s: number;
    totalWaitSeconds: number;
    totalTalkSeconds: number;
    byHotline: Record<string, number>;
    byHour: number[];
  };
  figures: {
    connectionRate: number | null;
    timelyAnswerRate: number | null;
    abandonRate: number | null;
    averageSpeedOfAnswer: number | null;
    averageHandleTime: number | null;
  };
  tickets: { police: number; nonPolice: number };
  overdueByUnit: { unitId: string; name: string; nameEn: string; count: number }[];
}

/** Where closed non-police tickets settled: the 70 / 20 / 10 target. */
export interface SettlementShares {
  total: number;
  counts: { grid: number; street: number; district: number };
  shares: { grid: number | null; street: number | null; district: number | null };
}

/** Today's calls per hotline and hour, answer figures, tickets by class, overdue by unit. */
export function getWallboardToday(): Promise<WallboardToday> {
  return requestClient.get<WallboardToday>('/wallboard/today');
}

/** Settlement shares for a period (ISO date-times). */
export function getSettlementShares(range: { from: string; to: string }): Promise<SettlementShares> {
  return requestClient.get<SettlementShares>('/tickets/settlement-shares', { query: { ...range } });
}
