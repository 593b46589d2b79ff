/**
 * The intake's writes in one statement: the day's number (the counter row), the ticket with its
 * code, and its `create` trail entry. The counter row stays locked until the intake commits, so
 * every intake of the day waits for the one before it to commit: taking the number in the same
 * statement that writes the ticket and its entry keeps that wait to one round trip and the commit
 * (three round trips through Prisma before). The day's codes stay gap-free: a rollback gives the
 * number back. An intake with nothing after its entry runs it alone, outside any transaction (one
 * statement is atomic): the counter is then held only while the statement runs. The desk's intake
 * also reads its duplicate suggestions in the same statement (find-duplicates.ts gives the query).
 */
import { PREPARED_SQL, Prisma, queryRows, type Ticket, type TicketEvent } from '@yixian/db';
import type { CandidateRow } from './find-duplicates.js';
import { formatShanghaiDay, ticketCodePrefix, ticketCounterName } from './next-ticket-code.js';
import { TICKET_COLUMNS, fromTicketRow } from './ticket-columns.js';

export interface IntakeTicketRow {
  id: string;
  channel: string;
  ticketClass: string;
  state: string;
  policeState: string | null;
  kind: string;
  categoryId: string;
  urgency: string;
  confidential: boolean;
  title: string;
  description: string;
  callerNumber: string | null;
  callerName: string | null;
  address: string | null;
  areaId: string | null;
  areaPath: string | null;
  lat: number | null;
  lng: number | null;
  fields: Record<string, unknown>;
  callId: string | null;
  hotlineNumber: string | null;
  leadUnitId: string | null;
  createdById: string;
  createdAt: Date;
}

/** The `create` entry (recordTicketEvent's fields; the unit is the ticket's lead unit). */
export interface IntakeEntry {
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  /** Ids and codes only: never a caller's number or name. */
  data: Record<string, unknown>;
}

/**
 * Writes the number, the ticket and its entry; returns the ticket as Prisma would give it and the
 * entry as written (its id from the database, the rest as sent), so the answer need not read them.
 */
export async function insertIntakeTicket(
  tx: Pick<Prisma.TransactionClient, '$queryRaw'>, row: IntakeTicketRow, entry: IntakeEntry, duplicates: Prisma.Sql | null = null,
): Promise<{ ticket: Ticket; entry: TicketEvent; candidates: CandidateRow[] }> {
  const day = formatShanghaiDay(row.createdAt);
  const at = row.createdAt.toISOString();
  const data = JSON.stringify(entry.data);
  const [inserted] = await queryRows<Ticket & { createEntryId: bigint; duplicateRows?: Array<Omit<CandidateRow, 'createdAt'> & { createdAt: string }> }>(tx, Prisma.sql`${PREPARED_SQL}
    WITH number AS (
      INSERT INTO counter (name, value) VALUES (${ticketCounterName(day)}, 1)
      ON CONFLICT (name) DO UPDATE SET value = counter.value + 1
      RETURNING value::text AS value
    ), written AS (
      INSERT INTO ticket (id, code, channel, "ticketClass", state, "policeState", kind, "categoryId", urgency, confidential, title, description,
        "callerNumber", "callerName", address, "areaId", "areaPath", lat, lng, fields, "callId", "hotlineNumber", "leadUnitId", "createdById",
        "createdAt", "updatedAt")
      SELECT ${row.id}, ${ticketCodePrefix(day)} || lpad(number.value, greatest(5, length(number.value)), '0'), ${row.channel}, ${row.ticketClass},
        ${row.state}, ${row.policeState}::text, ${row.kind}, ${row.categoryId}, ${row.urgency}, ${row.confidential}::boolean, ${row.title},
        ${row.description}, ${row.callerNumber}::text, ${row.callerName}::text, ${row.address}::text, ${row.areaId}::text, ${row.areaPath}::text,
        ${row.lat}::float8, ${row.lng}::float8, ${JSON.stringify(row.fields)}::jsonb, ${row.callId}::text, ${row.hotlineNumber}::text,
        ${row.leadUnitId}::text, ${row.createdById}, ${at}::timestamp, ${new Date().toISOString()}::timestamp
      FROM number
      RETURNING ${TICKET_COLUMNS}
    ), entry AS (
      INSERT INTO ticket_event ("ticketId", action, "fromState", "toState", "actorId", "actorRole", "unitId", reason, data, at)
      SELECT written.id, 'create', NULL, ${row.state}, ${entry.actorId}::text, ${entry.actorRole}, written."leadUnitId", ${entry.reason}::text,
        ${data}::jsonb, ${at}::timestamp
      FROM written
      RETURNING id
    )
    SELECT written.*, entry.id AS "createEntryId"${duplicates ? Prisma.sql`,
      (SELECT coalesce(json_agg(d ORDER BY d."createdAt" DESC, d.id), '[]'::json) FROM (${duplicates}) AS d) AS "duplicateRows"` : Prisma.empty}
    FROM written, entry`);
  if (!inserted) throw new Error('insertIntakeTicket: the ticket was not written');
  const { createEntryId, duplicateRows, ...ticket } = inserted;
  return {
    // Read in the same statement, so from the snapshot before the new ticket: it is never its own duplicate.
    candidates: (duplicateRows ?? []).map((candidate) => ({ ...candidate, createdAt: new Date(`${candidate.createdAt}Z`) })),
    ticket: fromTicketRow(ticket),
    entry: {
      id: BigInt(createEntryId), ticketId: ticket.id, action: 'create', fromState: null, toState: row.state, actorId: entry.actorId,
      actorRole: entry.actorRole, unitId: ticket.leadUnitId, reason: entry.reason, data: JSON.parse(data) as Prisma.JsonValue, at: row.createdAt,
    },
  };
}
