/**
 * Differences between the call records and the PBX's own accounting (CDR / queue_log), found by
 * the reconciler. Numbers come masked; agents and hotlines by name.
 */
import { requestClient } from './client';

export interface DiscrepancyView {
  id: string;
  callId: string;
  linkedid: string;
  /** The call field that differs: enteredAt, answeredAt, endedAt, waitSeconds, talkSeconds, state, agentInterface … */
  field: string;
  yixianValue: string | null;
  pbxValue: string | null;
  /** Agent names for an agentInterface difference. */
  yixianName: string | null;
  pbxName: string | null;
  detectedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  call: {
    hotlineNumber: string;
    hotlineName: string | null;
    hotlineNameEn: string | null;
    callerNumber: string;
    state: string;
    source: string;
    enteredAt: string;
    agentName: string | null;
  };
}

export interface DiscrepancyList {
  /** false when the server has no ACCOUNTING_DATABASE_URL: nothing is compared. */
  enabled: boolean;
  lastRunAt: string | null;
  total: number;
  items: DiscrepancyView[];
}

/** Open differences (default), newest first. */
export function listDiscrepancies(query: { status?: 'open' | 'resolved' | 'all'; page?: number; pageSize?: number } = {}): Promise<DiscrepancyList> {
  return requestClient.get<DiscrepancyList>('/calls/discrepancies', { query });
}
