/**
 * The health page's further lines beside the process checks: this API copy, the PBX link as
 * its bridge reports it (with the last AMI event), the depth of every job queue, and whether
 * the recordings folder can be read. Figures only, no call data: the page is public.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import { Type, type Static } from 'typebox';
import { pbxCommandsQueue, readPbxLink } from '@yixian/runtime';
import type { AppConfig } from '../../config/config.js';
import { QUEUES } from '../../jobs/registry.js';
import { readQueueDepths } from '../../jobs/read-queue-depths.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ApiCheckSchema = Type.Object({ status: Type.Literal('ok'), startedAt: Type.String(), uptimeSeconds: Type.Integer() });
export const PbxLinkCheckSchema = Type.Object({
  /** `missing` until a bridge of this PBX reported its link. */
  status: Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('missing')]),
  pbxId: Type.String(), since: Nullable(Type.String()), lastEventAt: Nullable(Type.String()),
});
const QueueDepthSchema = Type.Object({ name: Type.String(), waiting: Type.Integer(), active: Type.Integer(), delayed: Type.Integer(), failed: Type.Integer() });
export const QueuesCheckSchema = Type.Object({
  /** `degraded` when jobs pile up (more than QUEUE_BACKLOG waiting in one queue). */
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  queues: Type.Array(QueueDepthSchema),
});
export const RecordingsCheckSchema = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('missing')]), detail: Type.Optional(Type.String()) });
export type PbxLinkCheck = Static<typeof PbxLinkCheckSchema>;
export type QueuesCheck = Static<typeof QueuesCheckSchema>;

/** Waiting jobs above this in one queue count as a backlog. */
export const QUEUE_BACKLOG = 1000;

const STARTED_AT = new Date();

export function readApiCheck(now: Date): Static<typeof ApiCheckSchema> {
  return { status: 'ok', startedAt: STARTED_AT.toISOString(), uptimeSeconds: Math.max(0, Math.floor((now.getTime() - STARTED_AT.getTime()) / 1000)) };
}

export async function readPbxLinkCheck(redis: Redis, config: AppConfig): Promise<PbxLinkCheck> {
  const link = await readPbxLink(redis, config.redisPrefix, config.pbxId);
  if (!link) return { status: 'missing', pbxId: config.pbxId, since: null, lastEventAt: null };
  return { status: link.connected ? 'ok' : 'down', pbxId: config.pbxId, since: link.since, lastEventAt: link.lastEventAt };
}

/** Job counts of every queue (jobs/read-queue-depths.ts). */
export async function readQueuesCheck(redis: Redis, config: AppConfig): Promise<QueuesCheck> {
  const names = [...QUEUES.map((queue) => queue.name), pbxCommandsQueue(config.pbxId)];
  const queues = (await readQueueDepths(redis, config.redisPrefix, names)).map(({ name, waiting, active, delayed, failed }) => ({ name, waiting, active, delayed, failed }));
  const isBacklogged = queues.some((queue) => queue.waiting > QUEUE_BACKLOG);
  return { status: isBacklogged ? 'degraded' : 'ok', queues };
}

export async function readRecordingsCheck(config: AppConfig): Promise<Static<typeof RecordingsCheckSchema>> {
  try {
    await access(config.recordingsDir, constants.R_OK);
    return { status: 'ok' };
  } catch {
    return { status: 'missing', detail: 'the recordings folder cannot be read' };
  }
}
