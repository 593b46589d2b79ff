import { requestClient } from './client';

export interface Hotline {
  id: string;
  number: string;
  name: string;
  nameEn: string;
  isPolice: boolean;
}

/** Lists the numbers merged into the centre's queue (12345, 110, …). */
export function listHotlines(): Promise<Hotline[]> {
  return requestClient.get<Hotline[]>('/hotlines');
}

export type HotlineHours = '24h' | 'office';
export type WhenClosed = 'callback_or_message' | 'message' | 'forward';

/** A hotline as the administrator edits it (系统管理 → 热线). */
export interface AdminHotline extends Hotline {
  priority: number;
  hours: HotlineHours;
  whenClosed: WhenClosed;
  forwardTo: string | null;
  active: boolean;
  version: number;
}

export interface HotlineInput {
  number: string;
  name: string;
  nameEn: string;
  isPolice: boolean;
  priority: number;
  hours: HotlineHours;
  whenClosed: WhenClosed;
  forwardTo: string | null;
}

/** Whether the PBX holds the hotlines and the calendar as they are now. */
export interface PbxSyncStatus {
  wanted: string;
  applied: string | null;
  upToDate: boolean;
  appliedAt: string | null;
  error: string | null;
  failedAt: string | null;
  bridgeConnected: boolean;
}

/** Codes the hotline page shows inline (a stale edit, a taken number, a refused rule). */
const FORM_CODES = ['conflict', 'validation_failed'] as const;

export const listAdminHotlines = () => requestClient.get<AdminHotline[]>('/admin/hotlines');
export const createHotline = (input: HotlineInput) => requestClient.post<AdminHotline>('/admin/hotlines', input, { handledCodes: FORM_CODES });
export const updateHotline = (id: string, version: number, patch: Partial<HotlineInput>) =>
  requestClient.patch<AdminHotline>(`/admin/hotlines/${encodeURIComponent(id)}`, { version, ...patch }, { handledCodes: FORM_CODES });
export const setHotlineActive = (id: string, version: number, active: boolean) =>
  requestClient.post<AdminHotline>(`/admin/hotlines/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, { version }, { handledCodes: FORM_CODES });
export const getPbxSync = () => requestClient.get<PbxSyncStatus>('/admin/hotlines/pbx-sync');
