/** How an attempt leaves the API: names, never the number it dialled. */
import type { CallbackAttempt, PrismaClient } from '@yixian/db';
import { assessAttempts, type CallbackRules, type CaseProgress } from '@yixian/domain';
import type { AttemptView } from './worklists.schemas.js';

export function presentAttempt(attempt: CallbackAttempt, names: ReadonlyMap<string, string>): AttemptView {
  return {
    id: attempt.id,
    purpose: attempt.purpose,
    callId: attempt.callId,
    ticketId: attempt.ticketId,
    agentName: names.get(attempt.agentUserId) ?? null,
    hotlineNumber: attempt.hotlineNumber,
    startedAt: attempt.startedAt.toISOString(),
    pbxResult: attempt.pbxResult,
    pbxDetail: attempt.pbxDetail,
    result: attempt.result,
    note: attempt.note,
    recordedAt: attempt.recordedAt?.toISOString() ?? null,
  };
}

/** A case's attempts as the rules read them, and the fields every worklist row carries. */
export function progressOf(attempts: readonly CallbackAttempt[], rules: CallbackRules, names: ReadonlyMap<string, string>) {
  const progress: CaseProgress = assessAttempts(attempts, rules);
  const last = [...attempts].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  return {
    progress,
    fields: {
      attempts: progress.attempts,
      failedAttempts: progress.failedAttempts,
      isInProgress: progress.isInProgress,
      nextAttemptAt: progress.nextAttemptAt?.toISOString() ?? null,
      lastAttempt: last ? presentAttempt(last, names) : null,
    },
  };
}

/** Display names of the agents behind some attempts. */
export async function agentNamesOf(prisma: PrismaClient, attempts: readonly CallbackAttempt[]): Promise<Map<string, string>> {
  const ids = [...new Set(attempts.map((a) => a.agentUserId))];
  if (ids.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}
