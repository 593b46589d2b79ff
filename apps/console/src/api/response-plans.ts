/** 应急预案 (issue 16): response plans as data, versioned; the rules of one version. */
import { requestClient, type RequestOptions } from './client';

export interface PlanReporting {
  initialMinutes: number;
  initialClock: string;
  followUpMinutes: number;
  followUpClock: string;
  finalMinutes: number;
  finalClock: string;
}

export interface PlanRetry {
  attempts: number;
  intervalSeconds: number;
  ringSeconds: number;
}

export interface PlanTask {
  title: string;
  unitId?: string;
  tier?: number;
  dueMinutes: number;
}

export interface PlanEntry {
  type: string;
  subtypes?: string[];
  levels: string[];
  tiers: number[];
  unitIds: string[];
  tasks: PlanTask[];
}

export interface PlanRules {
  reporting: PlanReporting;
  retry: PlanRetry;
  entries: PlanEntry[];
}

export interface PlanSummary {
  id: string;
  name: string;
  nameEn: string;
  active: boolean;
  latestVersion: number;
  updatedAt: string;
}

export interface PlanVersionInfo {
  version: number;
  note: string;
  createdAt: string;
  createdBy: { id: string; name: string } | string | null;
}

export interface PlanDetail {
  id: string;
  name: string;
  nameEn: string;
  active: boolean;
  latestVersion: number;
  versions: PlanVersionInfo[];
  rules: PlanRules;
}

type Handled = Pick<RequestOptions, 'handledCodes'>;

export function listPlans(): Promise<{ items: PlanSummary[] }> {
  return requestClient.get('/response-plans');
}

export function getPlan(id: string, version?: number): Promise<PlanDetail> {
  return requestClient.get(`/response-plans/${encodeURIComponent(id)}`, { query: { version } });
}

export function createPlan(body: { name: string; nameEn?: string; rules: PlanRules; note?: string }, options: Handled = {}): Promise<PlanDetail> {
  return requestClient.post('/response-plans', body, options);
}

/** Saves a new version; `latestVersion` is the one edited (a stale one answers 409). */
export function savePlanVersion(id: string, body: { rules: PlanRules; note?: string; latestVersion: number }, options: Handled = {}): Promise<PlanDetail> {
  return requestClient.put(`/response-plans/${encodeURIComponent(id)}`, body, options);
}

export function setPlanActive(id: string, active: boolean): Promise<unknown> {
  return requestClient.post(`/response-plans/${encodeURIComponent(id)}/active`, { active });
}
