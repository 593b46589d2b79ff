import { requestClient } from './client';
import type { SettlementShares } from './settlement';

type Rate = number | null;

export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  generatedAt: string;
  calls: { offered: number; answered: number; abandoned: number; answeredWithin15s: number; connectionRate: Rate; timelyAnswerRate: Rate };
  tickets: { total: number; police: number; nonPolice: number; closed: number; merged: number; closureRate: Rate; directAnswers: number; directAnswerRate: Rate };
  mailbox: { mailbox: string; received: number; lettersDue: number; repliedInTime: number; onTimeRate: Rate }[];
  topCategories: { categoryId: string; name: string; nameEn: string; count: number; share: number }[];
  overdueUnits: { unitId: string; name: string; nameEn: string; due: number; overdue: number }[];
  /** Where the month's closed non-police tickets settled (70/20/10), with the grid workers' part. */
  settlement: SettlementShares;
}

/** The district's report for one month (`2026-03`). */
export function fetchMonthlyReport(month: string): Promise<MonthlyReport> {
  return requestClient.get<MonthlyReport>('/reports/monthly', { query: { month } });
}

/** Where the browser downloads the same report as XLSX (a plain GET with the session cookie). */
export function monthlyReportXlsxUrl(month: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  return `/api/reports/monthly?${new URLSearchParams({ month, format: 'xlsx', lang }).toString()}`;
}
