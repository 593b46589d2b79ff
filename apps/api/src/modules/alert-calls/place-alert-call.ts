/**
 * Places alert calls (issue 16): an incident activation or a red warning rings a unit's on-duty
 * phone, and the linkage conference calls several into one ConfBridge room. The AlertCall row is
 * written first (outcome `placed`); the number waits under a Redis key the bridge takes once
 * (never in the job, never in a log), and the `call.alert` command goes on the PBX's command
 * queue without waiting: the outcome comes back later on `call-events` (apply-alert-result.ts).
 * Call after the caller's transaction has committed: the bridge may report before a rollback.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AlertCall, PrismaClient } from '@yixian/db';
import { normalisePhone } from '@yixian/domain';
import { ALERT_ROOM_PATTERN, ALERT_TARGET_TTL_SECONDS, alertTargetKey, pbxCommandsQueue, type AlertCallCommand, type AlertPrompt } from '@yixian/runtime';
import type { AppConfig } from '../../config/config.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/app-error.js';
import { createQueueProducer, type QueueProducer } from '../../jobs/queue-producer.js';

/** What an alert call is for; `conference` = a call into the linkage conference room. */
export const ALERT_CALL_PURPOSES = { activation: 'activation', warning: 'warning', conference: 'conference' } as const;
export type AlertCallPurpose = (typeof ALERT_CALL_PURPOSES)[keyof typeof ALERT_CALL_PURPOSES];

/** The services placing a call needs: the API (`app`) and a worker's context both fit. */
export interface AlertCallDeps {
  prisma: PrismaClient;
  redis: Redis;
  config: Pick<AppConfig, 'redisPrefix' | 'pbxId'>;
  clock: Clock;
  /** The worker's producer; made once per Redis connection when absent. */
  producer?: QueueProducer;
}

export interface PlaceAlertCallInput {
  purpose: AlertCallPurpose;
  activationId?: string | null;
  warningRecipientId?: string | null;
  dutyShiftId?: string | null;
  /** 1 for the first call of the activation or recipient, then 2, 3 … (the deputy's calls go on counting). */
  attempt: number;
  /** The phone to ring (the duty shift's or the unit's duty phone); it never leaves the API but for the PBX. */
  number: string;
  prompt: AlertPrompt;
  ringSeconds: number;
  /** ConfBridge room: the answered call joins it instead of hearing the prompt. */
  room?: string;
  /** The PBX that places it; the deployment's own by default. */
  pbxId?: string;
}

const producers = new WeakMap<Redis, QueueProducer>();
function producerFor(deps: AlertCallDeps): QueueProducer {
  if (deps.producer) return deps.producer;
  let producer = producers.get(deps.redis);
  if (!producer) {
    producer = createQueueProducer(deps.redis, deps.config.redisPrefix);
    producers.set(deps.redis, producer);
  }
  return producer;
}

const invalid = (field: string, message: string) => new AppError('validation_failed', message, { field });

/** The number as the PBX dials it: digits only (a leading +86 dropped), or a clear error. */
export function dialableAlertNumber(raw: string): string {
  let number: string;
  try {
    number = normalisePhone(raw);
  } catch (error) {
    throw invalid('number', `The phone to call is not a phone number: ${(error as Error).message}`);
  }
  // Never a short code (110, 119 …): an alert goes to a person's phone, on the carrier.
  if (!/^[0-9]{5,20}$/.test(number)) throw invalid('number', 'The phone to call must be a domestic number of 5 to 20 digits, not a short code');
  return number;
}

function check(input: PlaceAlertCallInput): void {
  if (!Object.values(ALERT_CALL_PURPOSES).includes(input.purpose)) throw invalid('purpose', 'purpose must be activation, warning or conference');
  if (input.purpose === 'activation' && !input.activationId) throw invalid('activationId', 'An activation call names its activation');
  if (input.purpose === 'warning' && !input.warningRecipientId) throw invalid('warningRecipientId', 'A warning call names its recipient');
  if (input.purpose === 'conference' && !input.room) throw invalid('room', 'A conference call names its room');
  if (!Number.isInteger(input.attempt) || input.attempt < 1 || input.attempt > 100) throw invalid('attempt', 'attempt must be a whole number from 1');
  if (input.prompt !== 'activation' && input.prompt !== 'warning') throw invalid('prompt', 'prompt must be activation or warning');
  if (!Number.isInteger(input.ringSeconds) || input.ringSeconds < 5 || input.ringSeconds > 300) throw invalid('ringSeconds', 'ringSeconds must be a whole number from 5 to 300');
  if (input.room !== undefined && !ALERT_ROOM_PATTERN.test(input.room)) throw invalid('room', 'room must be letters, digits and - (at most 63)');
}

/**
 * Writes the AlertCall row and hands the call to the PBX; resolves with the row (outcome `placed`).
 * Asked again for the same purpose, activation or recipient, and attempt, it places nothing and
 * resolves with the first row as it is now.
 */
export async function placeAlertCall(deps: AlertCallDeps, input: PlaceAlertCallInput): Promise<AlertCall> {
  check(input);
  const number = dialableAlertNumber(input.number);
  const pbxId = input.pbxId ?? deps.config.pbxId;
  const data = {
    purpose: input.purpose, activationId: input.activationId ?? null, warningRecipientId: input.warningRecipientId ?? null,
    dutyShiftId: input.dutyShiftId ?? null, attempt: input.attempt, placedAt: deps.clock.now(),
  };
  // Once per (purpose, activation or recipient, attempt): a redone job or a double click places
  // nothing twice and gets the first row back. Conference calls are each their own.
  const target = input.activationId ?? input.warningRecipientId;
  const { row, fresh } = input.purpose === 'conference' || !target
    ? { row: await deps.prisma.alertCall.create({ data }), fresh: true }
    : await deps.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`alert-call:${input.purpose}:${target}:${input.attempt}`}))`;
      const existing = await tx.alertCall.findFirst({
        where: { purpose: input.purpose, activationId: data.activationId, warningRecipientId: data.warningRecipientId, attempt: input.attempt },
      });
      return existing ? { row: existing, fresh: false } : { row: await tx.alertCall.create({ data }), fresh: true };
    });
  if (!fresh) return row;
  const key = alertTargetKey(deps.config.redisPrefix, pbxId, row.id);
  const command: AlertCallCommand = { type: 'call.alert', alertCallId: row.id, prompt: input.prompt, ringSeconds: input.ringSeconds, ...(input.room ? { room: input.room } : {}) };
  try {
    await deps.redis.set(key, number, 'EX', ALERT_TARGET_TTL_SECONDS);
    await producerFor(deps).get(pbxCommandsQueue(pbxId)).add(command.type, command, {
      jobId: `alert-${row.id}`, attempts: 1, removeOnComplete: { age: 600 }, removeOnFail: { age: 24 * 3600 },
    });
  } catch (error) {
    await deps.redis.del(key).catch(() => undefined);
    const failed = await deps.prisma.alertCall.update({ where: { id: row.id }, data: { outcome: 'failed', detail: 'api:queue_unavailable', endedAt: deps.clock.now() } });
    throw Object.assign(new AppError('service_unavailable', `The alert call could not be handed to the PBX: ${(error as Error).message}`), { alertCall: failed });
  }
  return row;
}

export interface ConferenceParty {
  number: string;
  activationId?: string | null;
  dutyShiftId?: string | null;
  /** The caller's own key for the party (e.g. the unit id), handed back with its call. */
  key?: string;
}

/** A fresh room name, e.g. `yxconf-3f9a0c1b2d4e`. */
export const newConferenceRoom = () => `yxconf-${randomBytes(6).toString('hex')}`;

/**
 * The linkage conference: every party's phone rung into one ConfBridge room (purpose
 * `conference`, so an activation's retry handler never sees these calls). A party whose number
 * cannot be dialled fails alone; the others are still called.
 */
export async function startConferenceCalls(
  deps: AlertCallDeps,
  input: { room?: string; parties: readonly ConferenceParty[]; ringSeconds?: number; prompt?: AlertPrompt; pbxId?: string },
): Promise<{ room: string; calls: { key: string | null; alertCallId: string | null; error: string | null }[] }> {
  const room = input.room ?? newConferenceRoom();
  if (!ALERT_ROOM_PATTERN.test(room)) throw invalid('room', 'room must be letters, digits and - (at most 63)');
  if (input.parties.length === 0) throw invalid('parties', 'A conference calls at least one party');
  const calls = [];
  for (const party of input.parties) {
    try {
      const row = await placeAlertCall(deps, {
        purpose: 'conference', activationId: party.activationId ?? null, dutyShiftId: party.dutyShiftId ?? null, attempt: 1,
        number: party.number, prompt: input.prompt ?? 'activation', ringSeconds: input.ringSeconds ?? 30, room, pbxId: input.pbxId,
      });
      calls.push({ key: party.key ?? null, alertCallId: row.id, error: null });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      calls.push({ key: party.key ?? null, alertCallId: null, error: error.message });
    }
  }
  return { room, calls };
}
