import { requestClient } from './client';

/** The indicators a scheme can weigh (DOMAIN.md "Ticket figures" plus counts of 督办 and 通报, and the emergency work 应急管理). */
export const ASSESSMENT_INDICATORS = [
  'on_time_sign', 'on_time_completion', 'return_rate', 'redo_rate', 'satisfaction', 'extension_rate',
  'direct_answer', 'mailbox_on_time', 'supervision_count', 'notice_count', 'grid_settlement', 'on_spot_count', 'patrol_report_count',
  'activation_ack_rate', 'activation_ack_minutes', 'task_on_time', 'warning_ack_rate',
] as const;
export type AssessmentIndicator = (typeof ASSESSMENT_INDICATORS)[number];

export const ASSESSED_UNIT_TYPES = ['department', 'street_office', 'grid_team'] as const;
export type AssessedUnitType = (typeof ASSESSED_UNIT_TYPES)[number];

/** What a rate without data does: left out of the score (default), full marks, or zero. */
export const NO_DATA_POLICIES = ['exclude', 'full', 'zero'] as const;
export type NoDataPolicy = (typeof NO_DATA_POLICIES)[number];

export type ScoringRule =
  | { kind: 'linear'; zeroAt: number; fullAt: number; whenNoData?: NoDataPolicy }
  | { kind: 'deduction'; pointsPerEvent: number };

export interface SchemeIndicator { indicator: AssessmentIndicator; weight: number; rule: ScoringRule }
export type SchemeRules = Partial<Record<AssessedUnitType, SchemeIndicator[]>>;

export interface SchemeView {
  id: string; name: string; nameEn: string; description: string; latestVersion: number; createdAt: string; updatedAt: string;
  versions: { id: string; version: number; note: string; createdAt: string; rules: SchemeRules }[];
}

export interface PeriodInput { kind: 'month' | 'half_year' | 'year'; year: number; month?: number; half?: number }

export interface RunHeader {
  id: string; schemeId: string; schemeName: string; schemeNameEn: string; schemeVersionId: string; schemeVersion: number;
  period: { kind: PeriodInput['kind']; year: number; number: number | null; from: string; to: string };
  status: 'draft' | 'published'; computedAt: string; publishedAt: string | null; createdAt: string;
}

export interface IndicatorScore {
  indicator: AssessmentIndicator; weight: number; numerator: number; denominator: number; value: number | null;
  /** null: no data, left out of the score. */
  points: number | null;
  noData: boolean;
}

export interface UnitScoreView {
  unitId: string; unitCode: string; unitName: string; unitNameEn: string;
  /** null: no data (无数据), not ranked and on no list. */
  score: number | null; rank: number | null; indicators: IndicatorScore[];
}

export interface RunView extends RunHeader {
  groups: { unitType: AssessedUnitType; indicators: SchemeIndicator[]; units: UnitScoreView[]; red: string[]; black: string[] }[];
}

export interface DrillDownTicket {
  id: string; code: string; title: string | null; confidential: boolean; state: string; kind: string; channel: string; categoryId: string;
  categoryName: string; categoryNameEn: string; unitName: string | null; unitNameEn: string | null;
  createdAt: string; dispatchedAt: string | null; signedAt: string | null; handleDueAt: string | null; repliedAt: string | null;
  extensionCount: number; verdict: string | null; inNumerator: boolean; inDenominator: boolean;
}

/** A record behind an emergency indicator: an activation, a task or a warning recipient. */
export interface DrillDownRecord {
  id: string; kind: 'activation' | 'task' | 'warning_recipient'; code: string; title: string; at: string; settledAt: string | null;
  inNumerator: boolean; inDenominator: boolean;
}

export interface DrillDownView {
  runId: string; unitId: string; indicator: AssessmentIndicator;
  stored: { numerator: number; denominator: number; value: number | null; points: number | null };
  current: { numerator: number; denominator: number; value: number | null };
  matchesRun: boolean; numeratorIds: string[]; denominatorIds: string[];
  page: number; pageSize: number; total: number; hiddenOnPage: number; tickets: DrillDownTicket[];
  /** Emergency indicators list their records instead of tickets. */
  records?: DrillDownRecord[];
}

/** Codes the scheme editor shows inline next to the field the server named. */
export const SCHEME_FORM_CODES = ['validation_failed'] as const;

export function listSchemes(): Promise<SchemeView[]> {
  return requestClient.get<SchemeView[]>('/assessment/schemes');
}

export function createScheme(body: { name: string; nameEn?: string; description?: string; note?: string; rules: SchemeRules }): Promise<SchemeView> {
  return requestClient.post<SchemeView>('/assessment/schemes', body, { handledCodes: SCHEME_FORM_CODES });
}

/** Saves an edit as a new version; old versions and the runs made with them stay. */
export function editScheme(id: string, body: { name?: string; nameEn?: string; description?: string; note?: string; rules: SchemeRules }): Promise<SchemeView> {
  return requestClient.put<SchemeView>(`/assessment/schemes/${encodeURIComponent(id)}`, body, { handledCodes: SCHEME_FORM_CODES });
}

export function listRuns(query: { page?: number; pageSize?: number } = {}): Promise<{ total: number; page: number; pageSize: number; items: RunHeader[] }> {
  return requestClient.get('/assessment/runs', { query: { ...query } });
}

/** The one click: scores every unit for the period; answers with the ranked run. */
export function createRun(body: { schemeId: string; schemeVersion?: number; period: PeriodInput }): Promise<RunView> {
  return requestClient.post<RunView>('/assessment/runs', body, { timeoutMs: 60_000 });
}

export function getRun(id: string): Promise<RunView> {
  return requestClient.get<RunView>(`/assessment/runs/${encodeURIComponent(id)}`);
}

export function recomputeRun(id: string): Promise<RunView> {
  return requestClient.post<RunView>(`/assessment/runs/${encodeURIComponent(id)}/recompute`, {}, { timeoutMs: 60_000 });
}

export function publishRun(id: string): Promise<RunView> {
  return requestClient.post<RunView>(`/assessment/runs/${encodeURIComponent(id)}/publish`, {});
}

export function deleteRun(id: string): Promise<void> {
  return requestClient.delete<void>(`/assessment/runs/${encodeURIComponent(id)}`);
}

export function drillDownIndicator(runId: string, unitId: string, indicator: AssessmentIndicator, query: { page?: number; pageSize?: number } = {}): Promise<DrillDownView> {
  return requestClient.get<DrillDownView>(
    `/assessment/runs/${encodeURIComponent(runId)}/units/${encodeURIComponent(unitId)}/indicators/${encodeURIComponent(indicator)}/tickets`,
    { query: { ...query } },
  );
}

/** A download link (a plain GET with the session cookie): the browser saves the file. */
export function runExportUrl(id: string, format: 'xlsx' | 'csv', lang: 'zh-CN' | 'en'): string {
  return `/api/assessment/runs/${encodeURIComponent(id)}?format=${format}&lang=${lang}`;
}
