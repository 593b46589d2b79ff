/** 值班备勤 (issue 16): duty shifts, who is on duty now, gaps, and the XLSX import. */
import { requestClient, type RequestOptions } from './client';

export interface DutyShift {
  id: string;
  unit: { id: string; name: string; tier: number | null };
  role: string;
  user: { id: string; name: string } | null;
  personName: string;
  phone: string;
  startsAt: string;
  endsAt: string;
  version: number;
}

export interface OnDutyPerson {
  shiftId: string;
  name: string;
  phone: string;
  until: string;
}

export interface DutyNowItem {
  unit: { id: string; name: string; tier: number | null };
  onDuty: OnDutyPerson | null;
  deputy: OnDutyPerson | null;
  leader: OnDutyPerson | null;
  gap: boolean;
}

export interface DutyGap {
  unit: { id: string; name: string };
  from: string;
  to: string;
}

export interface ShiftBody {
  unitId: string;
  role: string;
  personName: string;
  phone: string;
  startsAt: string;
  endsAt: string;
  userId?: string;
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

type Handled = Pick<RequestOptions, 'handledCodes'>;

export function listShifts(query: { unitId?: string; from?: string; to?: string }): Promise<DutyShift[]> {
  return requestClient
    .get<{ items: DutyShift[] } | DutyShift[]>('/duty-shifts', { query: { ...query } })
    .then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function createShift(body: ShiftBody, options: Handled = {}): Promise<DutyShift> {
  return requestClient.post('/duty-shifts', body, options);
}

export function updateShift(id: string, body: ShiftBody & { version: number }, options: Handled = {}): Promise<DutyShift> {
  return requestClient.put(`/duty-shifts/${encodeURIComponent(id)}`, body, options);
}

export function deleteShift(id: string, version?: number): Promise<unknown> {
  return requestClient.delete(`/duty-shifts/${encodeURIComponent(id)}`, { query: { version } });
}

export function getDutyNow(): Promise<{ at: string; items: DutyNowItem[] }> {
  return requestClient.get('/duty/now');
}

export function listDutyGaps(hours = 24): Promise<{ items: DutyGap[] }> {
  return requestClient.get('/duty/gaps', { query: { hours } });
}

/** One XLSX, all rows or none; `dryRun` validates only. Row errors come back in the answer. */
export function importShifts(file: File, dryRun: boolean): Promise<{ dryRun?: boolean; rows?: number; created: number; errors: ImportRowError[] }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return requestClient.post('/duty-shifts/import', form, { query: { dryRun: dryRun ? 1 : undefined }, timeoutMs: 60_000 });
}

export const DUTY_TEMPLATE_URL = '/api/duty-shifts/template.xlsx';
