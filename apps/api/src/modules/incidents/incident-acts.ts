/**
 * The lifecycle acts (verify, file, dismiss, respond, relevel, handle, close), each inside the frame
 * of run-incident-action.ts. Every act bumps the version and writes one trail entry; filing and a
 * level change after it apply the response plan; filing starts the initial report's timer and
 * handling the final report's.
 */
import type { Prisma } from '@yixian/db';
import { PLAN_APPLIED_STATES, type IncidentAction, type IncidentLevel, type IncidentState } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { loadPlanRules } from '../response-plans/resolve-plan.js';
import { applyResponsePlan } from './activate-units.js';
import type { Effects } from './incident-effects.js';
import { recordIncidentEvent } from './record-incident-event.js';
import { reportDueAt } from './reporting-timers.js';
import type { IncidentActionContext } from './run-incident-action.js';

export interface ActBody { version: number; note?: string; level?: IncidentLevel; reason?: string; summary?: string }

function requireText(value: string | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw new AppError('validation_failed', `${field}: is required for this act`, { field });
  return text;
}

async function writeAct(
  context: IncidentActionContext, action: IncidentAction, data: Prisma.IncidentUncheckedUpdateInput,
  trail: { reason?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  const { tx, incident, next, now, actor, role } = context;
  await tx.incident.update({ where: { id: incident.id }, data: { ...data, state: next, version: { increment: 1 } } });
  await recordIncidentEvent(tx, {
    incidentId: incident.id, action, fromState: incident.state, toState: next, actorId: actor.id, actorRole: role,
    reason: trail.reason ?? null, data: trail.data ?? {}, at: now,
  });
}

async function applyPlan(context: IncidentActionContext, level: string, effects: Effects) {
  const { tx, incident, now, actor, role } = context;
  const current = await tx.incident.findUniqueOrThrow({ where: { id: incident.id } });
  const applied = await applyResponsePlan(tx, { ...current, level }, { now, actor: { id: actor.id, role } }, effects);
  return applied;
}

export async function runAct(context: IncidentActionContext, action: IncidentAction, body: ActBody, effects: Effects): Promise<void> {
  const { tx, incident, now } = context;
  effects.incidentIds.add(incident.id);
  const note = body.note?.trim() || null;
  switch (action) {
    case 'verify':
      return writeAct(context, action, { verifiedAt: now }, { reason: note });
    case 'dismiss': {
      const reason = requireText(body.reason, 'reason');
      return writeAct(context, action, { dismissedAt: now, dismissReason: reason, nextReportKind: null, nextReportDueAt: null }, { reason });
    }
    case 'file': {
      const level = body.level ?? incident.level;
      await writeAct(context, action, { filedAt: now, level }, { reason: note, data: { level, fromLevel: incident.level } });
      const applied = await applyPlan(context, level, effects);
      const rules = applied.plan?.rules.reporting ?? null;
      const dueAt = await reportDueAt(tx, rules, 'initial', now);
      await tx.incident.update({ where: { id: incident.id }, data: { nextReportKind: dueAt ? 'initial' : null, nextReportDueAt: dueAt } });
      await recordIncidentEvent(tx, {
        incidentId: incident.id, action: 'plan_applied', actorId: context.actor.id, actorRole: context.role,
        data: { planId: applied.plan?.planId ?? null, planVersion: applied.plan?.version ?? null, activated: applied.activated, tasks: applied.tasks }, at: now,
      });
      return;
    }
    case 'respond':
      return writeAct(context, action, { respondingAt: now }, { reason: note });
    case 'relevel': {
      const level = body.level;
      if (!level) throw new AppError('validation_failed', 'level: is required to change the level', { field: 'level' });
      const reason = requireText(body.reason, 'reason');
      if (level === incident.level) throw new AppError('validation_failed', `level: the incident is already level ${level}`, { field: 'level' });
      await writeAct(context, action, { level }, { reason, data: { fromLevel: incident.level, level } });
      if (PLAN_APPLIED_STATES.includes(incident.state as IncidentState)) {
        const applied = await applyPlan(context, level, effects);
        await recordIncidentEvent(tx, {
          incidentId: incident.id, action: 'plan_applied', actorId: context.actor.id, actorRole: context.role,
          data: { planId: applied.plan?.planId ?? null, planVersion: applied.plan?.version ?? null, activated: applied.activated, tasks: applied.tasks }, at: now,
        });
      }
      return;
    }
    case 'handle': {
      const rules = (await loadPlanRules(tx, incident.planId, incident.planVersion))?.reporting ?? null;
      const dueAt = await reportDueAt(tx, rules, 'final', now);
      const hasFinal = await tx.incidentReport.count({ where: { incidentId: incident.id, kind: 'final' } });
      return writeAct(context, action, {
        handledAt: now, nextReportKind: hasFinal ? null : 'final', nextReportDueAt: hasFinal ? null : dueAt,
      }, { reason: note });
    }
    case 'close': {
      const summary = requireText(body.summary, 'summary');
      const finals = await tx.incidentReport.count({ where: { incidentId: incident.id, kind: 'final' } });
      if (finals === 0) {
        throw new AppError('conflict', `Incident ${incident.code} has no final report (终报) yet`, { field: 'summary', details: { reason: 'final_report_missing' } });
      }
      await writeAct(context, action, { closedAt: now, summary, nextReportKind: null, nextReportDueAt: null }, { reason: null, data: { summaryLength: summary.length } });
      // The calls still going stop; acknowledged and unreached stay as they were (the figures read them).
      await tx.incidentActivation.updateMany({ where: { incidentId: incident.id, state: { in: ['notifying', 'escalated'] } }, data: { state: 'stood_down' } });
      await tx.incidentActivation.updateMany({ where: { incidentId: incident.id }, data: { fieldStatus: 'stood_down' } });
      return;
    }
  }
}
