/**
 * 突发事件 (issue 16): the incidents API — list, detail, report, acts, reports, activations and
 * the linkage conference. Shapes follow /work CONTRACT "Incidents"; names are resolved by the server.
 */
import type { IncidentLevel, IncidentReportKind, IncidentType } from '@yixian/domain';
import { requestClient, type RequestOptions } from './client';
import type { IncidentTask } from './incident-tasks';
import type { Allocation } from './resources';

export interface NamedRef {
  id: string;
  name: string;
}

/** The next report owed (初报 / 续报 / 终报) and whether it is already late. */
export interface NextReport {
  kind: IncidentReportKind;
  dueAt: string;
  overdue: boolean;
}

export interface IncidentListItem {
  id: string;
  code: string;
  type: IncidentType;
  subtype: string;
  level: IncidentLevel;
  state: string;
  title: string;
  address: string | null;
  areaName: string | null;
  reportedAt: string;
  filedAt: string | null;
  deaths: number;
  injuries: number;
  missing: number;
  activatedUnits: number;
  acknowledgedUnits: number;
  openTasks: number;
  overdueTasks: number;
  nextReport: NextReport | null;
}

export interface IncidentReport {
  id: string;
  kind: IncidentReportKind;
  text: string;
  deaths: number;
  injuries: number;
  missing: number;
  dueAt: string | null;
  late: boolean;
  at: string;
  by: NamedRef | null;
}

export interface TrailEntry {
  id: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: { id: string; name: string; role: string } | null;
  unit: NamedRef | null;
  reason: string | null;
  data: Record<string, unknown>;
  at: string;
}

export interface AlertCallView {
  id: string;
  attempt: number;
  target: 'on_duty' | 'deputy';
  outcome: string;
  detail: string | null;
  placedAt: string;
  endedAt: string | null;
}

export interface Activation {
  id: string;
  unit: { id: string; name: string; tier: number | null };
  state: string;
  fieldStatus: string;
  target: 'on_duty' | 'deputy';
  attempts: number;
  onDuty: { name: string | null; phone: string | null; until: string | null } | null;
  acknowledgedAt: string | null;
  acknowledgedVia: string | null;
  acknowledgedBy: NamedRef | null;
  escalatedAt: string | null;
  calls: AlertCallView[];
  /** Present on the unit's own list (`mine=1`). */
  incident?: { id: string; code: string; title: string; level: IncidentLevel; type: IncidentType };
}

export interface IncidentDetail extends IncidentListItem {
  description: string;
  source: string;
  ticket: { id: string; code: string } | null;
  callId: string | null;
  reportingUnit: NamedRef | null;
  area: NamedRef | null;
  lat: number | null;
  lng: number | null;
  plan: { id: string; name: string; version: number } | null;
  commander: NamedRef | null;
  verifiedAt: string | null;
  dismissedAt: string | null;
  dismissReason: string | null;
  respondingAt: string | null;
  handledAt: string | null;
  closedAt: string | null;
  summary: string | null;
  version: number;
  reports: IncidentReport[];
  activations: Activation[];
  tasks: IncidentTask[];
  allocations: Allocation[];
  warnings: { id: string; code: string; level: string; title: string; state: string }[];
  trail: TrailEntry[];
  allowedActions: string[];
}

export interface IncidentQuery {
  state?: string;
  type?: string;
  level?: string;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ReportIncidentBody {
  type: string;
  subtype: string;
  level: string;
  title: string;
  description: string;
  address?: string;
  areaId?: string;
  lat?: number;
  lng?: number;
  deaths?: number;
  injuries?: number;
  missing?: number;
  callId?: string;
}

export type IncidentActionName = 'verify' | 'file' | 'dismiss' | 'respond' | 'relevel' | 'handle' | 'close';

type Handled = Pick<RequestOptions, 'handledCodes'>;

const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

export function listIncidents(query: IncidentQuery = {}): Promise<{ items: IncidentListItem[]; total: number }> {
  return requestClient.get('/incidents', { query: { ...query } });
}

export function getIncident(id: string, options: Handled = {}): Promise<IncidentDetail> {
  return requestClient.get(incidentPath(id), options);
}

export function reportIncident(body: ReportIncidentBody, options: Handled = {}): Promise<IncidentDetail> {
  return requestClient.post('/incidents', body, options);
}

/** 升级为突发事件: a ticket becomes an incident (keeps the link; the ticket's trail records it). */
export function escalateTicketToIncident(
  ticketId: string,
  body: { type: string; subtype: string; level: string; title?: string; description?: string },
  options: Handled = {},
): Promise<IncidentDetail> {
  return requestClient.post(`/tickets/${encodeURIComponent(ticketId)}/escalate-incident`, body, options);
}

/** One act on an incident; `version` is the detail's (a stale one answers 409 `stale`). */
export function runIncidentAction(id: string, action: IncidentActionName, body: Record<string, unknown> & { version: number }, options: Handled = {}): Promise<IncidentDetail> {
  return requestClient.post(`${incidentPath(id)}/actions/${action}`, body, options);
}

export function submitIncidentReport(
  id: string,
  body: { kind: IncidentReportKind; text: string; deaths?: number; injuries?: number; missing?: number },
  options: Handled = {},
): Promise<IncidentReport> {
  return requestClient.post(`${incidentPath(id)}/reports`, body, options);
}

export function activateUnits(id: string, unitIds: string[], options: Handled = {}): Promise<unknown> {
  return requestClient.post(`${incidentPath(id)}/activations`, { unitIds }, options);
}

export function startConference(id: string, unitIds: string[], options: Handled = {}): Promise<{ room: string; calls: { unitId: string; alertCallId: string }[] }> {
  return requestClient.post(`${incidentPath(id)}/conference`, { unitIds }, options);
}

/** The signed-in unit user's activations (`state=notifying` for those still to acknowledge). */
export function listMyActivations(state?: string): Promise<Activation[]> {
  return requestClient
    .get<Activation[] | { items: Activation[] }>('/incident-activations', { query: { mine: 1, state } })
    .then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function acknowledgeActivation(id: string, options: Handled = {}): Promise<Activation> {
  return requestClient.post(`/incident-activations/${encodeURIComponent(id)}/acknowledge`, {}, options);
}

export function setFieldStatus(id: string, fieldStatus: string, options: Handled = {}): Promise<Activation> {
  return requestClient.post(`/incident-activations/${encodeURIComponent(id)}/field-status`, { fieldStatus }, options);
}
