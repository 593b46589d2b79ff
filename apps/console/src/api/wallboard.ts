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

export { getSettlementShares, type SettlementShares } from './settlement';

/** Today's calls per hotline and hour, answer figures, tickets by class, overdue by unit. */
export function getWallboardToday(): Promise<WallboardToday> {
  return requestClient.get<WallboardToday>('/wallboard/today');
}
