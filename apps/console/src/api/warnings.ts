/** 预警信息 (issue 16): the centre's warnings (draft, approval, update, lift) and the units' acknowledgement. */
import type { WarningLevel, WarningState, WarningType } from '@yixian/domain';
import { requestClient, type RequestOptions } from './client';

export type WarningAction = 'submit' | 'approve' | 'send_back' | 'update' | 'lift';

export interface Named { id: string; name: string }
export interface AckFigure { total: number; acknowledged: number; rate: number | null }

export interface WarningSummary {
  id: string;
  code: string;
  level: WarningLevel;
  type: WarningType;
  title: string;
  state: WarningState;
  revision: number;
  validFrom: string;
  validUntil: string;
  publishedAt: string | null;
  drafter: Named | null;
  approver: Named | null;
  ack: AckFigure;
  updatedAt: string;
  version: number;
}

export interface WarningRecipient {
  id: string;
  revision: number;
  unit: { id: string; name: string; nameEn: string; tier: number | null } | null;
  user: Named | null;
  acknowledgedAt: string | null;
  acknowledgedVia: 'app' | 'phone' | 'sms' | null;
  acknowledgedBy: Named | null;
  remindedCount: number;
  calls: { id: string; attempt: number; outcome: string; placedAt: string; endedAt: string | null }[];
}

export interface WarningTrailEntry { id: string; action: string; actor: Named | null; reason: string | null; data: Record<string, unknown>; at: string }

export interface WarningDetail extends WarningSummary {
  text: string;
  targets: {
    units: { id: string; name: string; nameEn: string }[];
    areas: { id: string; name: string; nameEn: string; level: string }[];
    allGridMembers: boolean;
    tiers: number[];
  };
  incident: { id: string; code: string; title: string } | null;
  sentBackReason: string | null;
  liftedAt: string | null;
  liftReason: string | null;
  recipients: WarningRecipient[];
  trail: WarningTrailEntry[];
  allowedActions: WarningAction[];
}

export interface WarningTargetsInput { unitIds?: string[]; areaIds?: string[]; allGridMembers?: boolean; tiers?: number[] }

export interface WarningDraft {
  level: WarningLevel;
  type: WarningType;
  title: string;
  text: string;
  validFrom: string;
  validUntil: string;
  targets: WarningTargetsInput;
  incidentId?: string | null;
}

export interface MyWarning {
  id: string;
  code: string;
  level: WarningLevel;
  type: WarningType;
  title: string;
  text: string;
  state: WarningState;
  revision: number;
  validFrom: string;
  validUntil: string;
  publishedAt: string | null;
  recipientId: string;
  acknowledgedAt: string | null;
  acknowledgedVia: string | null;
}

/** Codes the forms show inline (a bad field, a refused act, a stale version). */
export const WARNING_HANDLED_CODES = ['validation_failed', 'conflict', 'stale', 'forbidden'] as const;
type Handled = Pick<RequestOptions, 'handledCodes'>;

export function listWarnings(query: { state?: string; page?: number; pageSize?: number } = {}): Promise<{ items: WarningSummary[]; total: number }> {
  return requestClient.get('/warnings', { query });
}

export function getWarning(id: string): Promise<WarningDetail> {
  return requestClient.get(`/warnings/${encodeURIComponent(id)}`);
}

export function draftWarning(body: WarningDraft, options: Handled = {}): Promise<WarningDetail> {
  return requestClient.post('/warnings', body, options);
}

export function editWarning(id: string, body: WarningDraft & { version: number }, options: Handled = {}): Promise<WarningDetail> {
  return requestClient.put(`/warnings/${encodeURIComponent(id)}`, body, options);
}

export function actOnWarning(
  id: string, action: WarningAction, body: { version: number; reason?: string; title?: string; text?: string; level?: WarningLevel; validUntil?: string }, options: Handled = {},
): Promise<WarningDetail> {
  return requestClient.post(`/warnings/${encodeURIComponent(id)}/actions/${action}`, body, options);
}

export async function listMyWarnings(options: Handled = {}): Promise<MyWarning[]> {
  return (await requestClient.get<{ items: MyWarning[] }>('/warnings/mine', options)).items;
}

export function acknowledgeWarning(id: string): Promise<MyWarning> {
  return requestClient.post(`/warnings/${encodeURIComponent(id)}/acknowledge`, undefined);
}
