/**
 * Every administrative change — accounts, units, areas, hotlines, categories, keyword rules, the
 * work calendar, knowledge articles — writes its audit row in the same transaction as the change:
 * who, when, from where, the version it made, and the record before and after. A change is never
 * half-written: either the row and its audit entry both commit, or neither does.
 *
 * The caller passes a view of the record without secrets (no password hash, no second-factor
 * secret); `toAuditJson` turns dates into ISO strings so before and after compare as JSON.
 */
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '@yixian/db';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';

export type ChangeAct = 'create' | 'update' | 'disable' | 'enable' | 'delete' | 'import';

const ACTIONS = {
  create: AUDIT_ACTIONS.configCreate,
  update: AUDIT_ACTIONS.configUpdate,
  disable: AUDIT_ACTIONS.configDisable,
  enable: AUDIT_ACTIONS.configEnable,
  delete: AUDIT_ACTIONS.configDelete,
  import: AUDIT_ACTIONS.configImport,
} as const;

/** What an administrator changes; the `resource` value of its audit rows. */
export type ConfigResource =
  | 'user' | 'unit' | 'area' | 'hotline' | 'category' | 'keyword_rule' | 'work_calendar' | 'knowledge_article'
  | 'duty_shift' | 'resource';

export type JsonRecord = Record<string, unknown>;

export interface ConfigChange {
  act: ChangeAct;
  resource: ConfigResource;
  resourceId: string;
  /** The version the change produced (1 for a create); a stale edit's 409 lists the changes after its version. */
  version: number;
  before: JsonRecord | null;
  after: JsonRecord | null;
  reason?: string | null;
  /** Counts and names that help the auditor read the row (rows imported, tickets re-planned, …). */
  summary?: JsonRecord;
}

/** Dates → ISO strings, bigints → strings, undefined dropped: a value that survives a JSON round trip. */
export function toAuditJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (value && typeof value === 'object') {
    const out: JsonRecord = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toAuditJson(item);
    return out;
  }
  return value;
}

/** The top-level fields whose JSON differs between two views of a record, sorted. */
export function changedFields(before: JsonRecord | null, after: JsonRecord | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((key) => JSON.stringify(toAuditJson(before?.[key])) !== JSON.stringify(toAuditJson(after?.[key])))
    .sort();
}

/** The audit row of one change, for `auditLog.create` or, for many changes at once (an import), `createMany`. */
export function changeAuditRow(request: FastifyRequest, at: Date, change: ConfigChange): Prisma.AuditLogCreateManyInput {
  const details = {
    version: change.version,
    changed: changedFields(change.before, change.after),
    before: toAuditJson(change.before),
    after: toAuditJson(change.after),
    ...(change.summary ? { summary: toAuditJson(change.summary) } : {}),
  } as Prisma.InputJsonObject;
  return {
    at,
    action: ACTIONS[change.act],
    outcome: 'allowed',
    actorId: request.actor?.id ?? null,
    actorName: request.actor?.username ?? null,
    resource: change.resource,
    resourceId: change.resourceId,
    reason: change.reason ?? null,
    ip: request.ip,
    requestId: request.id,
    details,
  };
}

/** Writes the audit row of one change inside the caller's transaction. */
export async function recordChange(tx: Prisma.TransactionClient, request: FastifyRequest, at: Date, change: ConfigChange): Promise<void> {
  await tx.auditLog.create({ data: changeAuditRow(request, at, change) });
}
