/**
 * Starts a call-back (missed call) or a follow-up call (ticket) from the agent's phone. The number
 * is resolved here from the record and never reaches the browser; the bridge finds it beside the
 * command in Redis (no personal data in the job), and names the attempt in the PBX's events so
 * the outcome lands on the attempt by itself (apply-callout-result.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CALLBACK_PURPOSES, CALLBACK_RESULTS, assessAttempts, type CallbackPurpose } from '@yixian/domain';
import { CALLOUT_TARGET_TTL_SECONDS, calloutTargetKey } from '@yixian/runtime';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { myInterface } from '../agents/agents.service.js';
import { getCall } from '../calls/calls.service.js';
import { getTicketInScope } from '../tickets/tickets.service.js';
import { presentAttempt } from './attempt-presenter.js';
import { toDialableNumber } from './dialable-number.js';
import type { AttemptView } from './worklists.schemas.js';

/** The hotline presented when a ticket never came through one (a letter, a web form). */
const DEFAULT_HOTLINE = '12345';

interface Target {
  purpose: CallbackPurpose;
  callId: string | null;
  ticketId: string | null;
  pbxId: string;
  rawNumber: string | null;
  hotline: string;
  /** Every call the case stands for (a caller's earlier missed calls share its attempts). */
  attemptWhere: { callId: { in: string[] } } | { ticketId: string };
}

async function targetOfCall(app: FastifyInstance, id: string): Promise<Target> {
  const call = await getCall(app.prisma, id);
  const since = new Date(app.clock.now().getTime() - app.config.callbackWindowDays * 86_400_000);
  const siblings = await app.prisma.call.findMany({ where: { callerNumber: call.callerNumber, answeredAt: null, enteredAt: { gte: since } }, select: { id: true } });
  return {
    purpose: CALLBACK_PURPOSES.callback, callId: call.id, ticketId: null, pbxId: call.pbxId, rawNumber: call.callerNumber,
    hotline: call.hotlineNumber || DEFAULT_HOTLINE, attemptWhere: { callId: { in: [call.id, ...siblings.map((s) => s.id)] } },
  };
}

async function targetOfTicket(app: FastifyInstance, actor: Actor, id: string): Promise<Target> {
  const ticket = await getTicketInScope(app.prisma, actor, id);
  const call = ticket.callId ? await app.prisma.call.findUnique({ where: { id: ticket.callId }, select: { hotlineNumber: true, pbxId: true } }) : null;
  return {
    purpose: CALLBACK_PURPOSES.follow_up, callId: null, ticketId: ticket.id, pbxId: call?.pbxId ?? app.config.pbxId, rawNumber: ticket.callerNumber,
    hotline: ticket.hotlineNumber || call?.hotlineNumber || DEFAULT_HOTLINE, attemptWhere: { ticketId: ticket.id },
  };
}

export async function startCallout(app: FastifyInstance, request: FastifyRequest, actor: Actor, kind: 'call' | 'ticket', id: string): Promise<AttemptView> {
  const iface = myInterface(app, actor);
  const target = kind === 'call' ? await targetOfCall(app, id) : await targetOfTicket(app, actor, id);
  const number = toDialableNumber(target.rawNumber);
  if (!number) throw new AppError('conflict', 'This case has no number that can be called back', { field: 'callerNumber' });
  const now = app.clock.now();
  const earlier = await app.prisma.callbackAttempt.findMany({ where: target.attemptWhere });
  const rules = { maxAttempts: app.config.callbackMaxAttempts, retryMinutes: app.config.callbackRetryMinutes };
  const progress = assessAttempts(earlier, rules);
  if (progress.isInProgress) throw new AppError('conflict', 'A call to this citizen is still in progress; record its result first', { field: 'attempt' });
  if (progress.isDone && (target.purpose === CALLBACK_PURPOSES.callback || !earlier.some((a) => a.result === CALLBACK_RESULTS.answered))) {
    throw new AppError('conflict', 'This case is closed: reached, wrong number or out of attempts', { field: 'attempt' });
  }
  if (progress.nextAttemptAt && progress.nextAttemptAt > now) {
    throw new AppError('conflict', `The next attempt is allowed from ${progress.nextAttemptAt.toISOString()}`, { field: 'attempt', details: { nextAttemptAt: progress.nextAttemptAt.toISOString() } });
  }

  const attempt = await app.prisma.callbackAttempt.create({
    data: { purpose: target.purpose, callId: target.callId, ticketId: target.ticketId, agentUserId: actor.id, agentInterface: iface, hotlineNumber: target.hotline, startedAt: now },
  });
  const audit = { action: AUDIT_ACTIONS.callout, resource: target.purpose === CALLBACK_PURPOSES.callback ? 'call' : 'ticket', resourceId: (target.callId ?? target.ticketId)!, details: { attemptId: attempt.id } };
  const key = calloutTargetKey(app.config.redisPrefix, target.pbxId, attempt.id);
  await app.redis.set(key, number, 'EX', CALLOUT_TARGET_TTL_SECONDS);
  try {
    await app.sendPbxCommand(target.pbxId, { type: 'call.callback', attemptId: attempt.id, interface: iface, hotline: target.hotline });
  } catch (error) {
    await app.redis.del(key);
    const code = error instanceof AppError ? error.code : 'internal_error';
    await app.prisma.callbackAttempt.update({ where: { id: attempt.id }, data: { pbxResult: CALLBACK_RESULTS.failed, pbxDetail: `bridge:${code}`, pbxResultAt: now, result: CALLBACK_RESULTS.failed } });
    await app.audit(request, { ...audit, outcome: 'failed' });
    throw error;
  }
  await app.audit(request, { ...audit, outcome: 'allowed' });
  return presentAttempt(attempt, new Map([[actor.id, actor.displayName]]));
}
