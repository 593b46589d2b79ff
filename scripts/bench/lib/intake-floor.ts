/**
 * The floor under the ticket API: plain `pg` (node-postgres) transactions writing the rows one
 * create + dispatch writes (taken from the API's statement log, `intake-statements.ts`), with no
 * HTTP, session, validation, Prisma or reads in between. Two transactions per operation, as the
 * API commits a create and a dispatch separately, so its "requests" compare one to one:
 *
 * - create: the day's counter (upsert … RETURNING), the ticket row, its `create` trail entry;
 * - dispatch: the ticket locked and updated (lead unit, state, due times, deadline version), the
 *   `dispatch` trail entry, the deadline plan's four outbox rows, the unit's notification and its
 *   live-push and text-message outbox rows.
 *
 * Each row is written once and the outbox rows in one statement, as a hand-written transaction
 * would. Outbox rows are written as already dispatched, so the worker does not act on them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Operation } from './http-load.js';

export interface FloorContext {
  /** The API's own pool size (pg's default, 10), so the floor has as many connections. */
  maxConnections: number;
  agentId: string;
  dispatcherId: string;
  categoryId: string;
  areaId: string;
  areaPath: string;
  /** The unit routing chose for the same ticket (a grid team). */
  leadUnitId: string;
}

export interface IntakeFloor {
  operation: Operation;
  close(): Promise<void>;
}

const DEADLINE_STEPS = ['sign_check', 'reminder', 'supervision', 'notice'] as const;

/** A pool and the closed-loop operation that writes one create + dispatch. */
export function createIntakeFloor(databaseUrl: string, context: FloorContext): IntakeFloor {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: context.maxConnections });
  const inTransaction = async (work: (client: pg.PoolClient) => Promise<void>): Promise<number> => {
    const start = performance.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return performance.now() - start;
  };

  const create = (id: string) => inTransaction(async (client) => {
    const counter = await client.query<{ value: string }>(
      `INSERT INTO counter (name, value) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET value = counter.value + 1 RETURNING value`,
      ['bench-floor'],
    );
    const code = `FL${String(counter.rows[0]?.value).padStart(8, '0')}`;
    await client.query(
      `INSERT INTO ticket (id, code, channel, "ticketClass", state, kind, "categoryId", urgency, confidential, title, description,
         "callerNumber", "areaId", "areaPath", fields, "supportingUnitIds", "createdById", "createdAt", "updatedAt")
       VALUES ($1, $2, 'web', 'non_police', 'accepted', 'complaint', $3, 'normal', false, '基准测试工单', $4, $5, $6, $7, '{}', '{}', $8, now(), now())`,
      [id, code, context.categoryId, `负载测试 ${id}`, '13900001111', context.areaId, context.areaPath, context.agentId],
    );
    await client.query(
      `INSERT INTO ticket_event ("ticketId", action, "fromState", "toState", "actorId", "actorRole", data, at)
       VALUES ($1, 'create', NULL, 'accepted', $2, 'agent', $3, now()) RETURNING id`,
      [id, context.agentId, { channel: 'web', areaId: context.areaId, classification: { ticketClass: 'non_police', reason: 'category' } }],
    );
  });

  const dispatch = (id: string) => inTransaction(async (client) => {
    const now = Date.now();
    const due = (hours: number) => new Date(now + hours * 3600_000);
    await client.query(
      `UPDATE ticket SET "leadUnitId" = $2, level = 'grid', "dispatchedAt" = now(), "signedAt" = NULL, state = 'dispatched',
         "signDueAt" = $3, "handleDueAt" = $4, "followUpDueAt" = NULL, "deadlineVersion" = "deadlineVersion" + 1, "updatedAt" = now()
       WHERE id = $1 RETURNING *`,
      [id, context.leadUnitId, due(2), due(120)],
    );
    const event = await client.query<{ id: string }>(
      `INSERT INTO ticket_event ("ticketId", action, "fromState", "toState", "actorId", "actorRole", "unitId", data, at)
       VALUES ($1, 'dispatch', 'accepted', 'dispatched', $2, 'dispatcher', $3, $4, now()) RETURNING id`,
      [id, context.dispatcherId, context.leadUnitId, { fromUnitId: null, toUnitId: context.leadUnitId, level: 'grid', routed: true }],
    );
    const eventId = event.rows[0]?.id;
    const notificationId = randomUUID();
    const rows: Array<[string, unknown, string, Date | null]> = [
      ...DEADLINE_STEPS.map((step, index): [string, unknown, string, Date | null] => [
        'deadline.check', { ticketId: id, step, deadlineVersion: 1, dueAt: due(2 + index * 40).toISOString() }, `floor-${id}-${step}-1`, due(2 + index * 40),
      ]),
      ['live.push', { topic: `unit:${context.leadUnitId}`, payload: { type: 'notification', id: notificationId, kind: 'dispatch', ticketId: id } }, `floor-push-${id}-${eventId}`, null],
      ['notification.sms', { notificationId }, `floor-sms-${id}-${eventId}`, null],
    ];
    await client.query(
      `INSERT INTO notification (id, "dedupeKey", "unitId", "ticketId", kind, title, body, "createdAt")
       VALUES ($1, $2, $3, $4, 'dispatch', $5, '', now()) ON CONFLICT DO NOTHING`,
      [notificationId, `floor-dispatch-${id}-${eventId}`, context.leadUnitId, id, `工单 ${id.slice(0, 8)} 已派至本单位（环境保护 · 网格）`],
    );
    await client.query(
      `INSERT INTO outbox (topic, payload, "dedupeKey", "runAt", "createdAt", "dispatchedAt", attempts)
       SELECT topic, payload, key, run_at, now(), now(), 0 FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::timestamptz[]) AS r(topic, payload, key, run_at)
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => JSON.stringify(r[1])), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
  });

  return {
    operation: async () => {
      const id = randomUUID();
      const created = await create(id);
      const dispatched = await dispatch(id);
      return { latencies: [created, dispatched], ok: true };
    },
    close: () => pool.end(),
  };
}
