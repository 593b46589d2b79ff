/**
 * The audit log: security events and every access decision that refuses or reveals.
 * Rows are append-only (a database trigger refuses UPDATE and DELETE). Never put a
 * citizen's number or name in `details`: name the record instead.
 */
import type { PrismaClient } from '@yixian/db';

export const AUDIT_ACTIONS = {
  login: 'auth.login',
  loginFailed: 'auth.login_failed',
  lockout: 'auth.lockout',
  logout: 'auth.logout',
  /** A user changed their own password (or was refused: the reason names the rule, never the password). */
  passwordChange: 'auth.password_change',
  /** An administrator gave an account a one-time password (the account must change it at sign-in). */
  passwordReset: 'auth.password_reset',
  /** An administrator lifted an account's lockout. */
  accountUnlock: 'auth.unlock',
  /** An agent signed out of the account but stayed a queue member: the PBX or its bridge could not be reached. */
  queueSignOut: 'agent.queue_sign_out',
  /** A shift lead paused an agent or signed them out of the queue, with a reason (or the PBX refused). */
  forceAgentState: 'agent.force_state',
  /** A shift lead listened in, whispered or barged into a call. */
  listenCall: 'call.listen',
  sessionExpired: 'auth.session_expired',
  /** Second factor: a secret handed out for enrolment, the enrolment confirmed (or its code refused). */
  mfaEnrolStart: 'auth.mfa_enrol_start',
  mfaEnrol: 'auth.mfa_enrol',
  /** A second-factor code checked (details: purpose sign_in / recovery_codes / disable, method totp / recovery_code). */
  mfaVerify: 'auth.mfa_verify',
  mfaRecoveryCodes: 'auth.mfa_recovery_codes',
  mfaDisable: 'auth.mfa_disable',
  /** An administrator removed someone's second factor (resourceId: the account). */
  mfaReset: 'auth.mfa_reset',
  accessDenied: 'access.denied',
  csrfRejected: 'access.csrf_rejected',
  /** A browser page from another origin tried to open `/ws`. */
  originRejected: 'access.origin_rejected',
  /** A client over a per-address limit (sign-in, the public mailbox); once per client, route and minute. */
  rateLimited: 'access.rate_limited',
  unauthenticated: 'access.unauthenticated',
  revealPhone: 'personal_data.reveal',
  /** Tickets searched by a caller's number or by the caller of a call (details hold the masked number), or refused. */
  searchByPhone: 'personal_data.ticket_search_by_phone',
  /** The ticket search exported as a file (details: format, rows). */
  exportTickets: 'personal_data.ticket_export',
  /** The accounts list exported as a file (details: rows, the filter); staff phones are in it. */
  exportAccounts: 'personal_data.account_export',
  /** A mailbox letter's files listed or downloaded by staff (or refused: 404 outside scope). */
  listAttachments: 'personal_data.attachment_list',
  downloadAttachment: 'personal_data.attachment_download',
  /** Files uploaded for a ticket act (reply, return, report); details: act, count, ids, bytes. Refused: 404 / 403. */
  uploadTicketAttachment: 'ticket.attachment_upload',
  /** A ticket act's file or its thumbnail downloaded (or refused: 404 outside scope). */
  downloadTicketAttachment: 'personal_data.ticket_attachment_download',
  /** Photos uploaded for an incident act (a task's progress or done); details: count, ids, bytes. Refused: 404 / 409. */
  uploadIncidentAttachment: 'incident.attachment_upload',
  /** An incident act's photo or its thumbnail downloaded (or refused: 404 outside the incident's readers). */
  downloadIncidentAttachment: 'personal_data.incident_attachment_download',
  /** A call recording played or fetched (every range request), or refused, by call or through a ticket. */
  playRecording: 'personal_data.recording_play',
  /** Assessment schemes (admin) and runs (commander): who changed what the scores rest on. */
  assessmentSchemeCreate: 'assessment.scheme_create',
  assessmentSchemeVersion: 'assessment.scheme_version',
  assessmentRunCreate: 'assessment.run_create',
  assessmentRunRecompute: 'assessment.run_recompute',
  assessmentRunPublish: 'assessment.run_publish',
  assessmentRunDelete: 'assessment.run_delete',
  /** Several tickets dispatched in one request (批量派单); each ticket's own trail holds the act. */
  batchDispatch: 'ticket.batch_dispatch',
  /** A call-out to a citizen from the worklists (the PBX dialled their number; the agent never saw it). */
  callout: 'personal_data.callout',
  /** An agent's result and note on a call-back or follow-up attempt. */
  calloutResult: 'worklist.attempt_result',
  /**
   * Administrative changes (config-changes/record-change.ts): resource names the table (user, unit,
   * area, hotline, category, keyword_rule, work_calendar, knowledge_article); details hold the
   * version made, the changed fields and the record before and after.
   */
  configCreate: 'config.create',
  configUpdate: 'config.update',
  configDisable: 'config.disable',
  configEnable: 'config.enable',
  configDelete: 'config.delete',
  configImport: 'config.import',
  /** The daily sweep removed uploads no act carried and old idempotency keys (details: counts only). */
  leftoversSweep: 'system.leftovers_sweep',
  /**
   * 预警信息 (issue 16): every act on a warning (resource `warning`); these rows are also the warning's trail.
   * details: revision, state before/after, reason, recipient counts; never a phone number.
   */
  warningDraft: 'warning.draft',
  warningEdit: 'warning.edit',
  warningSubmit: 'warning.submit',
  warningApprove: 'warning.approve',
  warningSendBack: 'warning.send_back',
  warningUpdate: 'warning.update',
  warningLift: 'warning.lift',
  warningExpire: 'warning.expire',
  warningAcknowledge: 'warning.acknowledge',
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export interface AuditEntry {
  action: AuditAction;
  outcome: 'allowed' | 'denied' | 'failed';
  actorId?: string | null;
  actorName?: string | null;
  resource?: string;
  resourceId?: string;
  reason?: string;
  ip?: string;
  requestId?: string;
  details?: Record<string, string | number | boolean | null>;
}

/** Writes one audit row; `at` comes from the app clock so tests and drills stay coherent. */
export async function writeAudit(prisma: PrismaClient, at: Date, entry: AuditEntry): Promise<void> {
  await prisma.auditLog.create({
    data: {
      at,
      action: entry.action,
      outcome: entry.outcome,
      actorId: entry.actorId ?? null,
      actorName: entry.actorName ?? null,
      resource: entry.resource ?? null,
      resourceId: entry.resourceId ?? null,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details ?? {},
    },
  });
}

export interface ListAuditOptions {
  from?: Date;
  to?: Date;
  action?: string;
  actorId?: string;
  /** Part of the actor's recorded name, case-insensitive. */
  actor?: string;
  resource?: string;
  resourceId?: string;
  outcome?: string;
  page: number;
  pageSize: number;
}

/**
 * Newest first, paginated. Rows record the actor's username (it never changes); the page adds the
 * account's display name, and `actor` matches either, so an auditor finds 张三 by name.
 */
export async function listAuditEntries(prisma: PrismaClient, options: ListAuditOptions) {
  const namedActors = options.actor
    ? await prisma.user.findMany({ where: { displayName: { contains: options.actor, mode: 'insensitive' } }, select: { id: true }, take: 200 })
    : [];
  const where = {
    ...(options.action ? { action: options.action } : {}),
    ...(options.actorId ? { actorId: options.actorId } : {}),
    ...(options.actor
      ? { OR: [{ actorName: { contains: options.actor, mode: 'insensitive' as const } }, { actorId: { in: namedActors.map((user) => user.id) } }] }
      : {}),
    ...(options.resource ? { resource: options.resource } : {}),
    ...(options.resourceId ? { resourceId: options.resourceId } : {}),
    ...(options.outcome ? { outcome: options.outcome } : {}),
    ...(options.from || options.to
      ? { at: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } }
      : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    }),
  ]);
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const actors = actorIds.length === 0 ? [] : await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } });
  const displayNames = new Map(actors.map((user) => [user.id, user.displayName]));
  return {
    total,
    items: rows.map((row) => ({
      ...row,
      id: row.id.toString(),
      at: row.at.toISOString(),
      actorDisplayName: (row.actorId && displayNames.get(row.actorId)) ?? null,
    })),
  };
}
