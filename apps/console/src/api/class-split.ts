import { requestClient } from './client';
import type { Period } from './statistics';

/** One period's police vs non-police figures (tickets created, calls offered, diversions). */
export interface ClassSplitRow {
  key: string;
  police: number;
  nonPolice: number;
  total: number;
  /** police / total, a fraction; null without tickets. */
  policeShare: number | null;
  calls110: number;
  callsOther: number;
  /** 110 → 12345 diversions of non-police matters. */
  divertedToNonPolice: number;
  /** 12345 → 110 pushes of urgent police matters. */
  pushedToPolice: number;
}
export type ClassSplitGroup = 'day' | 'week' | 'month';
export interface ClassSplit { from: string; to: string; groupBy: ClassSplitGroup; rows: ClassSplitRow[]; total: ClassSplitRow }

/** Police vs non-police per day, week or month, from the rollups (shift_lead, commander). */
export function getClassSplit(query: Period & { groupBy: ClassSplitGroup }): Promise<ClassSplit> {
  return requestClient.get<ClassSplit>('/statistics/ticket-classes', { query });
}

