/** 系统管理's catalogue and rules: the category tree, keyword rules and the work calendar. */
import { requestClient } from './client';

export type LimitUnit = 'working_days' | 'working_hours';
export interface WorkingTimeLimit { amount: number; unit: LimitUnit }
export interface DueTimes { signDueAt: string | null; handleDueAt: string | null; followUpDueAt: string | null }
export interface ReplanPreview {
  count: number;
  sample: { ticketId: string; code: string; categoryName: string; state: string; before: DueTimes; after: DueTimes }[];
}

export interface AdminCategory {
  id: string; code: string; name: string; nameEn: string; parentId: string | null; isLeaf: boolean; isPolice: boolean;
  defaultKind: string; level: string; defaultUnitId: string | null; defaultUnitName: string | null;
  signLimit: WorkingTimeLimit | null; handleLimit: WorkingTimeLimit | null; extensionLimitDays: number | null;
  requiredFields: Record<string, unknown>[]; keywords: string[]; verifyOnSite: boolean; active: boolean; version: number; openTickets: number;
}
/** One extra intake field of a category (category-admin.schemas.ts `RequiredFieldSchema`); `options` only for `select`. */
export interface RequiredFieldInput { key: string; label: string; labelEn: string; type: 'text' | 'number' | 'date' | 'select'; options?: string[]; required: boolean }
export interface CategoryFields {
  name: string; nameEn: string; parentId: string | null; isPolice: boolean; defaultKind: string; level: string; defaultUnitId: string | null;
  signLimit: WorkingTimeLimit | null; handleLimit: WorkingTimeLimit | null; extensionLimitDays: number | null;
  requiredFields: RequiredFieldInput[]; keywords: string[];
  /** 现场核查: another unit's reply on a ticket of a grid waits for the grid worker's on-site check. */
  verifyOnSite: boolean;
}
export type CategoryPatch = Partial<CategoryFields>;

/** Codes a form shows itself (inline, with what changed): no toast. */
const HANDLED = ['conflict', 'validation_failed'];

export const listAdminCategories = () => requestClient.get<AdminCategory[]>('/admin/categories');
export const updateCategory = (id: string, version: number, patch: CategoryPatch, dryRun: boolean) =>
  requestClient.patch<{ category: AdminCategory | null; replanned: ReplanPreview; dryRun: boolean }>(
    `/admin/categories/${encodeURIComponent(id)}`, { version, ...patch, dryRun }, { handledCodes: HANDLED });
/** A new group or leaf of the tree (the code is its id for good). */
export type NewCategory = CategoryFields & { code: string };
export const createCategory = (body: NewCategory) => requestClient.post<AdminCategory>('/admin/categories', body, { handledCodes: HANDLED });
export const setCategoryActive = (id: string, version: number, active: boolean) =>
  requestClient.post<AdminCategory>(`/admin/categories/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, { version }, { handledCodes: HANDLED });

export interface KeywordRule { id: string; keyword: string; ticketClass: 'police' | 'non_police'; categoryId: string | null; categoryName: string | null; priority: number; active: boolean; version: number }
export const listKeywordRules = () => requestClient.get<KeywordRule[]>('/admin/keyword-rules');
export const createKeywordRule = (rule: Pick<KeywordRule, 'keyword' | 'ticketClass' | 'categoryId' | 'priority'>) =>
  requestClient.post<KeywordRule>('/admin/keyword-rules', rule, { handledCodes: HANDLED });
export type KeywordRulePatch = Partial<Pick<KeywordRule, 'keyword' | 'ticketClass' | 'categoryId' | 'priority'>>;
export const updateKeywordRule = (id: string, version: number, patch: KeywordRulePatch) =>
  requestClient.patch<KeywordRule>(`/admin/keyword-rules/${encodeURIComponent(id)}`, { version, ...patch }, { handledCodes: HANDLED });
export const setKeywordRuleActive = (id: string, version: number, active: boolean) =>
  requestClient.post<KeywordRule>(`/admin/keyword-rules/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`, { version }, { handledCodes: HANDLED });
/** `source`: what decided (keyword, category, hotline, default); `matches`: every active rule the text hit. */
export interface TryResult { ticketClass: KeywordRule['ticketClass']; source: string; keyword: string | null; rule: KeywordRule | null; matches: KeywordRule[] }
export const tryKeywordRules = (body: { text: string; categoryId?: string }) =>
  requestClient.post<TryResult>('/admin/keyword-rules/try', body, { handledCodes: HANDLED });

export interface CalendarDay { date: string; kind: 'holiday' | 'workday'; name: string }
export interface CalendarYear { year: number; version: number; source: 'saved' | 'built_in' | 'none'; days: CalendarDay[] }
export const getCalendarYear = (year: number) => requestClient.get<CalendarYear>(`/admin/calendar/${year}`);
export const parseCalendarTable = (body: { text: string } | { xlsxBase64: string }) =>
  requestClient.post<{ days: CalendarDay[] }>('/admin/calendar/parse', body, { handledCodes: HANDLED });
export const replaceCalendarYear = (year: number, version: number, days: CalendarDay[], dryRun: boolean) =>
  requestClient.put<{ calendar: CalendarYear | null; replanned: ReplanPreview; summary: { holidays: number; workdays: number } }>(
    `/admin/calendar/${year}`, { version, days, dryRun }, { handledCodes: HANDLED });
