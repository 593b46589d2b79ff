import { requestClient } from './client';

export type AccountState = 'active' | 'disabled' | 'locked' | 'must_change';

/** One account as administrators see it (never a secret). */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  status: string;
  states: AccountState[];
  unitId: string | null;
  unitName: string | null;
  areaId: string | null;
  areaName: string | null;
  scopeAll: boolean;
  scopeAreaIds: string[];
  scopeUnitIds: string[];
  scopeCategoryIds: string[];
  extension: string | null;
  phone: string | null;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  hasMfa: boolean;
  createdAt: string;
  version: number;
}

export interface AccountFilter {
  q?: string;
  role?: string;
  areaId?: string;
  unitId?: string;
  state?: AccountState;
}

export interface AccountQuery extends AccountFilter {
  page: number;
  pageSize: number;
  sort?: 'username' | 'displayName' | 'createdAt' | 'lastLoginAt';
  order?: 'asc' | 'desc';
}

export interface AccountFields {
  displayName: string;
  roles: string[];
  unitId: string | null;
  areaId: string | null;
  scopeAll: boolean;
  scopeAreaIds: string[];
  scopeUnitIds: string[];
  scopeCategoryIds: string[];
  extension: string | null;
  phone: string | null;
}

export interface ImportError {
  row: number;
  column: string;
  columnKey: string;
  code: string;
  message: string;
  value?: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  errors: ImportError[];
  summary?: { created: number; byRole: Record<string, number> };
  passwords?: { fileName: string; contentType: string; data: string };
}

/** Codes a form shows itself, next to the field (validation, stale edits, limits). */
export const ACCOUNT_FORM_CODES = ['validation_failed', 'conflict', 'forbidden'] as const;

export function listAccounts(query: AccountQuery) {
  return requestClient.get<{ total: number; page: number; pageSize: number; items: Account[] }>('/users', { query: { ...query } });
}

export function getAccount(id: string) {
  return requestClient.get<Account>(`/users/${encodeURIComponent(id)}`);
}

export function createAccount(body: AccountFields & { username: string }) {
  return requestClient.post<{ account: Account; oneTimePassword: string }>('/users', body, { handledCodes: ACCOUNT_FORM_CODES });
}

export function updateAccount(id: string, body: AccountFields & { version: number }) {
  return requestClient.put<Account>(`/users/${encodeURIComponent(id)}`, body, { handledCodes: ACCOUNT_FORM_CODES });
}

export function setAccountEnabled(id: string, enable: boolean, version: number) {
  return requestClient.post<{ account: Account; sessionsEnded: number }>(`/users/${encodeURIComponent(id)}/${enable ? 'enable' : 'disable'}`, { version }, { handledCodes: ['conflict'] });
}

export function unlockAccount(id: string) {
  return requestClient.post<void>(`/users/${encodeURIComponent(id)}/unlock`);
}

export function resetAccountPassword(id: string) {
  return requestClient.post<{ username: string; oneTimePassword: string }>(`/users/${encodeURIComponent(id)}/reset-password`);
}

/** Sends the chosen XLSX; a refused import answers 400 with the same report as the dry run. */
export function importAccounts(file: Blob, dryRun: boolean) {
  // Browsers name an .xlsx's type differently (or not at all): the server checks the bytes anyway.
  const body = new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return requestClient.post<ImportReport>('/users/import', body, { query: { dryRun }, handledCodes: ['validation_failed'], timeoutMs: 300_000 });
}

function fileUrl(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  return `/api/users/${path}${qs ? `?${qs}` : ''}`;
}

/** Download links (the browser sends the session cookie). */
export const importTemplateUrl = (lang: string) => fileUrl('import-template', { lang });
export const exportAccountsUrl = (filter: AccountFilter, lang: string) => fileUrl('export', { ...filter, lang });
