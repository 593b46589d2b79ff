/**
 * Audit rows for the acts an assessment rests on: a scheme created or given a new version, a run
 * created, recomputed, published or deleted. Written after the act committed, through the audit
 * module's writer (`app.audit`: actor, IP and request id come from the request). Rows name the
 * scheme or run, never a score or a ticket.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { RunSummary } from './manage-runs.js';

export type SchemeAct = 'create' | 'version';
export type RunAct = 'create' | 'recompute' | 'publish' | 'delete';

const SCHEME_ACTIONS = { create: AUDIT_ACTIONS.assessmentSchemeCreate, version: AUDIT_ACTIONS.assessmentSchemeVersion } as const;
const RUN_ACTIONS = {
  create: AUDIT_ACTIONS.assessmentRunCreate, recompute: AUDIT_ACTIONS.assessmentRunRecompute,
  publish: AUDIT_ACTIONS.assessmentRunPublish, delete: AUDIT_ACTIONS.assessmentRunDelete,
} as const;

/** A scheme act: the scheme and the version it now has. */
export async function auditSchemeAct(app: FastifyInstance, request: FastifyRequest, act: SchemeAct, scheme: { id: string; latestVersion: number }): Promise<void> {
  await app.audit(request, {
    action: SCHEME_ACTIONS[act], outcome: 'allowed', resource: 'assessment_scheme', resourceId: scheme.id,
    details: { version: scheme.latestVersion },
  });
}

/** A run act: the run, its scheme version and period. */
export async function auditRunAct(app: FastifyInstance, request: FastifyRequest, act: RunAct, run: RunSummary): Promise<void> {
  await app.audit(request, {
    action: RUN_ACTIONS[act], outcome: 'allowed', resource: 'assessment_run', resourceId: run.runId,
    details: { schemeId: run.schemeId, schemeVersion: run.schemeVersion, period: run.period },
  });
}
