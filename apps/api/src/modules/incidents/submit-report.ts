/**
 * 初报 / 续报 / 终报: `initial` once and first (after filing), `follow_up` after it, `final` once when
 * handled. A report updates the incident's casualties and the next report owed; it is late when made
 * after its due time. Trail `report`.
 */
import type { IncidentReport, PrismaClient } from '@yixian/db';
import type { IncidentReportKind } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { loadPlanRules } from '../response-plans/resolve-plan.js';
import { recordIncidentEvent } from './record-incident-event.js';
import { reportDueAt } from './reporting-timers.js';
import { lockIncidentInScope } from './run-incident-action.js';

export interface ReportInput { kind: IncidentReportKind; text: string; deaths?: number; injuries?: number; missing?: number }

const REPORTING_STATES = ['filed', 'responding', 'handled'];
const REPORTER_ROLES = ['commander', 'dispatcher', 'shift_lead'];

function refuse(message: string, reason: string): never {
  throw new AppError('conflict', message, { field: 'kind', details: { reason } });
}

export async function submitReport(prisma: PrismaClient, actor: Actor, incidentId: string, input: ReportInput, now: Date): Promise<IncidentReport> {
  const role = actor.roles.find((r) => REPORTER_ROLES.includes(r));
  if (!role) throw new AppError('forbidden', 'Only the centre’s desk reports on an incident');
  const text = input.text.trim();
  if (!text) throw new AppError('validation_failed', 'text: must not be blank', { field: 'text' });
  return prisma.$transaction(async (tx) => {
    const incident = await lockIncidentInScope(tx, actor, incidentId);
    if (!REPORTING_STATES.includes(incident.state)) refuse(`No report is made on an incident in state ${incident.state}`, 'illegal_state');
    const kinds = (await tx.incidentReport.findMany({ where: { incidentId }, select: { kind: true } })).map((r) => r.kind);
    if (input.kind === 'initial' && kinds.includes('initial')) refuse('The initial report (初报) was already made', 'initial_exists');
    if (input.kind !== 'initial' && !kinds.includes('initial')) refuse('The initial report (初报) comes first', 'initial_missing');
    if (input.kind === 'final') {
      if (incident.state !== 'handled') refuse('The final report (终报) is made once the incident is handled', 'not_handled');
      if (kinds.includes('final')) refuse('The final report (终报) was already made', 'final_exists');
    }
    const owed = incident.nextReportKind === input.kind ? incident.nextReportDueAt : null;
    const late = owed !== null && now.getTime() > owed.getTime();
    const casualties = {
      deaths: input.deaths ?? incident.deaths, injuries: input.injuries ?? incident.injuries, missing: input.missing ?? incident.missing,
    };
    const report = await tx.incidentReport.create({
      data: { incidentId, kind: input.kind, text, ...casualties, dueAt: owed, late, submittedById: actor.id, at: now },
    });
    // What is owed next: a follow-up while the response goes on; after handling, the final (if not made yet).
    const rules = (await loadPlanRules(tx, incident.planId, incident.planVersion))?.reporting ?? null;
    let next: { kind: IncidentReportKind | null; dueAt: Date | null } = { kind: incident.nextReportKind as IncidentReportKind | null, dueAt: incident.nextReportDueAt };
    if (input.kind === 'final') next = { kind: null, dueAt: null };
    else if (incident.state !== 'handled') {
      const dueAt = await reportDueAt(tx, rules, 'follow_up', now);
      next = { kind: dueAt ? 'follow_up' : null, dueAt };
    }
    await tx.incident.update({
      where: { id: incidentId }, data: { ...casualties, nextReportKind: next.kind, nextReportDueAt: next.dueAt, version: { increment: 1 } },
    });
    await recordIncidentEvent(tx, {
      incidentId, action: 'report', fromState: incident.state, toState: incident.state, actorId: actor.id, actorRole: role,
      data: { reportId: report.id, kind: input.kind, late, ...casualties }, at: now,
    });
    return report;
  });
}
