import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { readHeartbeats } from '@yixian/runtime';
import { ReconcilerCheckSchema, readReconcilerHealth } from '../accounting/reconciler-health.js';
import {
  ApiCheckSchema, PbxLinkCheckSchema, QueuesCheckSchema, RecordingsCheckSchema,
  readApiCheck, readPbxLinkCheck, readQueuesCheck, readRecordingsCheck,
} from './read-components.js';

const CheckSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Literal('missing')]),
  latencyMs: Type.Optional(Type.Number()),
  detail: Type.Optional(Type.String()),
  processes: Type.Optional(Type.Array(Type.Object({ id: Type.String(), lastBeatAt: Type.String(), ageMs: Type.Number() }))),
});

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('down')]),
  checks: Type.Object({
    api: ApiCheckSchema, database: CheckSchema, redis: CheckSchema, workers: CheckSchema, bridges: CheckSchema,
    pbx: Type.Optional(PbxLinkCheckSchema), queues: Type.Optional(QueuesCheckSchema), reconciler: ReconcilerCheckSchema, recordings: RecordingsCheckSchema,
  }),
});

async function timed(check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await check();
    return { status: 'ok' as const, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { status: 'down' as const, detail: 'unreachable' };
  }
}

/**
 * Liveness of the whole system: `ok` when the database and Redis answer and at least one
 * worker and one bridge beat within the window; `degraded` when a process kind is missing or the
 * accounting reconciler is failing (its line also says when it last ran and how many differences
 * are open, or that it is off), the PBX link is down or the job queues are backed up; `down` (503)
 * when the database or Redis does not answer. Beside them: this API copy, the PBX link with its
 * last event, each job queue's depth, and whether the recordings can be read (read-components.ts).
 */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: { tags: ['system'], summary: 'Database, Redis, worker, bridge and reconciler health', response: { 200: HealthSchema, 503: HealthSchema } },
      config: { roles: 'public' },
    },
    async (_request, reply) => {
      const [database, redis] = await Promise.all([
        timed(() => app.prisma.$queryRaw`SELECT 1`),
        timed(() => app.redis.ping()),
      ]);
      const beats = redis.status === 'ok' ? await readHeartbeats(app.redis, app.config.redisPrefix).catch(() => []) : [];
      const processesOf = (kind: string) => {
        const processes = beats.filter((beat) => beat.kind === kind).map(({ id, lastBeatAt, ageMs }) => ({ id, lastBeatAt, ageMs }));
        return { status: processes.length > 0 ? ('ok' as const) : ('missing' as const), processes };
      };
      const workers = processesOf('worker');
      const bridges = processesOf('bridge');
      const isDown = database.status !== 'ok' || redis.status !== 'ok';
      const enabled = app.config.accountingDatabaseUrl !== null;
      const reconciler = isDown && enabled
        ? { status: 'failing' as const, detail: 'database or Redis unreachable' }
        : await readReconcilerHealth({ redis: app.redis, prisma: app.prisma, prefix: app.config.redisPrefix, enabled, now: app.clock.now() });
      const [pbx, queues] = redis.status === 'ok'
        ? await Promise.all([readPbxLinkCheck(app.redis, app.config).catch(() => undefined), readQueuesCheck(app.redis, app.config).catch(() => undefined)])
        : [undefined, undefined];
      const recordings = await readRecordingsCheck(app.config);
      const isComplete = workers.status === 'ok' && bridges.status === 'ok' && reconciler.status !== 'failing'
        && pbx?.status !== 'down' && queues?.status !== 'degraded';
      const status = isDown ? 'down' : isComplete ? 'ok' : 'degraded';
      const checks = { api: readApiCheck(app.clock.now()), database, redis, workers, bridges, pbx, queues, reconciler, recordings };
      return reply.status(isDown ? 503 : 200).send({ status, checks });
    },
  );
}
