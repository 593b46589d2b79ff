/**
 * A lifecycle act's writes as one statement: the ticket's update, its trail entry, the outbox rows
 * of its deadline jobs, and the unit's inbox entry with its push and text message. Each part is a
 * data-modifying CTE over the one before (the entry names the updated row, the inbox entry's key
 * holds the trail entry's id), so the act costs one round trip where it cost five, and commits or
 * rolls back with the caller's transaction as the separate statements did. What goes in is worked
 * out by the caller (transition-ticket.ts): due times, job rows, names; this file only writes.
 */
import { PREPARED_SQL, Prisma, queryRows, type Ticket } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import { assertOutboxEntry, type OutboxEntry } from '../outbox/add-to-outbox.js';
import { TicketChangedError } from './run-ticket-action.js';
import { TICKET_COLUMNS, fromTicketRow } from './ticket-columns.js';

/** A value a plain update sets (no `{ increment }`, no JSON object: those take the separate statements). */
export type PlainValue = string | number | boolean | Date | string[] | null;

export interface TransitionWrite {
  ticket: Pick<Ticket, 'id' | 'state'>;
  /** Column → value; `state` and `updatedAt` are written from `to` and the time of the write. */
  set: Record<string, PlainValue>;
  to: string;
  /** Write only if the row is still this version (`xmin`, read by an optimistic act); else TicketChangedError and nothing written. */
  rowVersion?: string;
  /** Bump `deadlineVersion` by one; `jobs` are written only if it then equals `version`. */
  bumpVersion: boolean;
  version: number;
  jobs: readonly OutboxEntry[];
  entry: { action: string; actorId: string | null; actorRole: string; unitId: string | null; reason: string | null; data: Record<string, unknown>; at: Date };
  /**
   * The unit's inbox entry, keyed `<keyPrefix><trail entry id>`, and its follow-up rows (push, text
   * message), each keyed `<its prefix><inbox key>`: written only if the inbox entry is new.
   */
  notice?: {
    unitId: string; ticketId: string; kind: string; title: string; body: string; keyPrefix: string;
    followUps: readonly { topic: OutboxEntry['topic']; keyPrefix: string; payload: Record<string, unknown> }[];
    id: string;
  };
}

const TICKET_COLUMN_NAMES = new Set<string>(Object.values(Prisma.TicketScalarFieldEnum));
const NOT_SET = new Set(['id', 'state', 'updatedAt', 'deadlineVersion']);

function setClause(column: string, value: PlainValue): Prisma.Sql {
  if (!TICKET_COLUMN_NAMES.has(column) || NOT_SET.has(column)) throw new TypeError(`transitionTicket: cannot set ticket column "${column}"`);
  const name = Prisma.raw(`"${column}"`);
  if (value === null) return Prisma.sql`${name} = NULL`;
  if (value instanceof Date) return Prisma.sql`${name} = ${value.toISOString()}::timestamp`;
  if (Array.isArray(value)) return Prisma.sql`${name} = ${value}::text[]`;
  return Prisma.sql`${name} = ${value}`;
}

function outboxRows(rows: readonly { topic: string; payload: Record<string, unknown> }[]) {
  return {
    topics: rows.map((row) => row.topic),
    payloads: rows.map((row) => JSON.stringify(row.payload)),
  };
}

/** Writes the act; returns the ticket as it is after it and the trail entry's id. */
export async function writeTransition(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, write: TransitionWrite): Promise<{ ticket: Ticket; eventId: bigint }> {
  for (const job of write.jobs) assertOutboxEntry(job);
  if (write.notice) {
    if (typeof write.notice.unitId !== 'string' || write.notice.unitId.length === 0) throw new TypeError('transitionTicket: notify.unitId is required');
    // The keys are finished in SQL with the trail entry's id: checked here with the longest one.
    const longestKey = `${write.notice.keyPrefix}${'9'.repeat(19)}`;
    for (const work of write.notice.followUps) assertOutboxEntry({ topic: work.topic, payload: work.payload, dedupeKey: `${work.keyPrefix}${longestKey}` });
  }
  // As Prisma does, a field given as undefined is left as it is.
  const sets = Object.entries(write.set)
    .filter(([column, value]) => column !== 'state' && value !== undefined)
    .map(([column, value]) => setClause(column, value));
  sets.push(Prisma.sql`state = ${write.to}`, Prisma.sql`"updatedAt" = ${new Date().toISOString()}::timestamp`);
  if (write.bumpVersion) sets.push(Prisma.sql`"deadlineVersion" = "deadlineVersion" + 1`);
  const { entry, notice } = write;
  // Rows stamped by this statement carry the time in UTC as Prisma writes it, not the server's
  // now(), which follows the connection's TimeZone (Asia/Shanghai on a server installed in China).
  const writtenAt = new Date().toISOString();
  const parts: Prisma.Sql[] = [
    Prisma.sql`updated AS (
      UPDATE ticket SET ${Prisma.join(sets, ', ')}
      WHERE id = ${write.ticket.id}${write.rowVersion === undefined ? Prisma.empty : Prisma.sql` AND xmin = ${write.rowVersion}::xid`}
      RETURNING ${TICKET_COLUMNS}
    )`,
    Prisma.sql`entry AS (
      INSERT INTO ticket_event ("ticketId", action, "fromState", "toState", "actorId", "actorRole", "unitId", reason, data, at)
      SELECT updated.id, ${entry.action}, ${write.ticket.state}::text, ${write.to}::text, ${entry.actorId}::text, ${entry.actorRole},
        coalesce(${entry.unitId}::text, updated."leadUnitId"), ${entry.reason}::text, ${JSON.stringify(entry.data)}::jsonb, ${entry.at.toISOString()}::timestamp
      FROM updated RETURNING id
    )`,
  ];
  if (write.jobs.length > 0) {
    const { topics, payloads } = outboxRows(write.jobs);
    parts.push(Prisma.sql`jobs AS (
      INSERT INTO outbox (topic, payload, "dedupeKey", "runAt", "createdAt", attempts)
      SELECT j.topic, j.payload, j.key, j.run_at, ${writtenAt}::timestamp, 0
      FROM updated, unnest(${topics}::text[], ${payloads}::jsonb[], ${write.jobs.map((job) => job.dedupeKey)}::text[],
        ${write.jobs.map((job) => job.runAt?.toISOString() ?? null)}::timestamp[]) AS j(topic, payload, key, run_at)
      WHERE updated."deadlineVersion" = ${write.version}
      ON CONFLICT DO NOTHING
    )`);
  }
  if (notice) {
    parts.push(Prisma.sql`notice AS (
      INSERT INTO notification (id, "dedupeKey", "unitId", "ticketId", kind, title, body, "createdAt")
      SELECT ${notice.id}, ${notice.keyPrefix} || entry.id::text, ${notice.unitId}, ${notice.ticketId}, ${notice.kind}, ${notice.title}, ${notice.body},
        ${writtenAt}::timestamp
      FROM entry
      ON CONFLICT DO NOTHING RETURNING "dedupeKey"
    )`);
    if (notice.followUps.length > 0) {
      const { topics, payloads } = outboxRows(notice.followUps);
      parts.push(Prisma.sql`notice_work AS (
        INSERT INTO outbox (topic, payload, "dedupeKey", "createdAt", attempts)
        SELECT w.topic, w.payload, w.prefix || notice."dedupeKey", ${writtenAt}::timestamp, 0
        FROM notice, unnest(${topics}::text[], ${payloads}::jsonb[], ${notice.followUps.map((work) => work.keyPrefix)}::text[]) AS w(topic, payload, prefix)
        ON CONFLICT DO NOTHING
      )`);
    }
  }
  const [row] = await queryRows<Ticket & { eventId: bigint }>(tx, Prisma.sql`${PREPARED_SQL}
    WITH ${Prisma.join(parts, ', ')}
    SELECT updated.*, entry.id AS "eventId" FROM updated, entry`);
  if (!row) {
    if (write.rowVersion !== undefined) throw new TicketChangedError(write.ticket.id);
    throw new AppError('not_found', `No ticket ${write.ticket.id}`, { field: 'id' });
  }
  const { eventId, ...ticket } = row;
  if (write.jobs.length > 0 && ticket.deadlineVersion !== write.version) {
    // The ticket was planned by someone else in between (the caller did not hold its lock): the
    // jobs were not written under a version that is not theirs; the caller's transaction rolls back.
    throw new AppError('conflict', `Ticket ${ticket.code} is at deadline version ${ticket.deadlineVersion}, not ${write.version}: it changed under the act; try again`);
  }
  return { ticket: fromTicketRow(ticket), eventId: BigInt(eventId) };
}
