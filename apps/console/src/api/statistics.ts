import { requestClient } from './client';

/** Rates are fractions 0..1 and means seconds; null when there is nothing to divide. */
export interface CallFigureRow {
  key: string;
  offered: number; answered: number; abandoned: number; answeredWithin15s: number;
  answeredWithinThreshold: number; abandonedWithinThreshold: number; totalWaitSeconds: number; totalTalkSeconds: number;
  connectionRate: number | null; timelyAnswerRate: number | null; abandonRate: number | null;
  averageSpeedOfAnswer: number | null; averageHandleTime: number | null; serviceLevel: number | null; serviceLevel2: number | null;
}
export type CallGroup = 'hour' | 'day' | 'week' | 'month' | 'hotline';
export interface CallFigures { from: string; to: string; groupBy: CallGroup; thresholdSeconds: number; rows: CallFigureRow[]; total: CallFigureRow }

export const TICKET_COUNT_COLUMNS = ['created', 'dispatched', 'signed', 'returned', 'extended', 'replied', 'reopened', 'closed', 'satisfied', 'supervised'] as const;
export type TicketCountRow = { key: string; label: string; labelEn: string } & Record<(typeof TICKET_COUNT_COLUMNS)[number], number>;
export type TicketGroup = 'channel' | 'kind' | 'category' | 'unit' | 'level' | 'state' | 'class';
export interface TicketCounts { from: string; to: string; groupBy: TicketGroup; rows: TicketCountRow[]; total: TicketCountRow }

export const TICKET_INDICATORS = ['on_time_sign', 'on_time_completion', 'return_rate', 'redo_rate', 'satisfaction', 'extension_rate',
  'direct_answer', 'supervision_count', 'notice_count', 'mailbox_on_time', 'grid_settlement', 'on_spot_count', 'patrol_report_count'] as const;
export type TicketIndicator = (typeof TICKET_INDICATORS)[number];
export interface IndicatorFigure { numerator: number; denominator: number; value: number | null }
export interface UnitFigures { unitId: string; name: string; nameEn: string; figures: Record<TicketIndicator, IndicatorFigure> }

export type Period = { from: string; to: string };
export type ExportFormat = 'csv' | 'xlsx';

/** Call figures from the hourly rollup (shift_lead, commander). */
export function getCallFigures(query: Period & { groupBy: CallGroup; hotline?: string }): Promise<CallFigures> {
  return requestClient.get<CallFigures>('/statistics/calls', { query });
}

/** Ticket counts by one dimension; a dept_admin gets its own unit only. */
export function getTicketCounts(query: Period & { groupBy: TicketGroup; unitId?: string }): Promise<TicketCounts> {
  return requestClient.get<TicketCounts>('/statistics/tickets', { query });
}

/** The DOMAIN.md ticket figures per unit. */
export function getTicketFigures(query: Period & { unitId?: string }): Promise<{ from: string; to: string; rows: UnitFigures[] }> {
  return requestClient.get('/statistics/ticket-figures', { query });
}

/** The calls (`calls.<count>`) or tickets (an indicator + unitId + part) behind a figure. */
export function drillFigure(query: Period & { metric: string; unitId?: string; hotline?: string; part?: 'numerator' | 'denominator'; page?: number; pageSize?: number }) {
  return requestClient.get<{ kind: 'calls' | 'tickets'; total: number; page: number; pageSize: number; hiddenOnPage?: number; calls?: unknown[]; tickets?: unknown[] }>('/statistics/drill', { query });
}

/**
 * A download link for a table (the browser sends the session cookie; GET needs no CSRF header),
 * its headers and words in `lang`, the console's language.
 */
/** The statistics tables that download as CSV or Excel. */
export type StatisticsExportPath = 'calls' | 'tickets' | 'ticket-figures' | 'drill' | 'ticket-classes';

export function statisticsExportUrl(
  path: StatisticsExportPath, query: Record<string, string | undefined>, format: ExportFormat, lang: 'zh-CN' | 'en' = 'zh-CN',
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  params.set('format', format);
  params.set('lang', lang);
  return `/api/statistics/${path}?${params.toString()}`;
}
