import pg from 'pg'
import type { Prisma } from './generated/prisma/client'
import { preparedStatementName } from './prepared-statements'

/**
 * The hot path's raw statements (an intake, a one-statement act, the ticket and trail reads) run
 * straight on the `pg` pool under a client's adapter when they run outside a transaction: Prisma's
 * raw-query machinery (argument mapping, its result set, row deserialisation) cost 40–65 µs of
 * CPU per statement beside pg's 20–45 µs (`SELECT 1`, a ticket row; measured 2026-12-06). Rows
 * come back as `$queryRaw` gives them — `timestamp` as a UTC Date, `int8` as BigInt, JSON parsed —
 * and a column of a type read differently (numeric, date, time, timestamp arrays …) is refused
 * with its name, never returned in another shape. Inside a transaction (`tx`, which has no pool
 * here) the statement goes through Prisma as before.
 */
const pools = new WeakMap<object, pg.Pool>()

/** Called by createPrismaClient: the pool its adapter runs on. */
export function registerDirectPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool)
}

const OID = { int8: 20, timestamp: 1114 } as const
/** Types whose text `pg` parses as Prisma's `$queryRaw` returns them (besides int8 and timestamp, parsed below). */
const SAME_AS_PRISMA = new Set([
  16, // bool
  19, // name
  21, 23, // int2, int4
  25, 1042, 1043, // text, bpchar, varchar
  114, 3802, // json, jsonb: parsed
  700, 701, // float4, float8
  1184, // timestamptz
  2950, // uuid (a string)
  1000, 1005, 1007, 1009, 1015, 2951, // bool[], int2[], int4[], text[], varchar[], uuid[]
  OID.int8, OID.timestamp,
])

/** `timestamp` (without time zone) holds UTC in this schema, as Prisma writes it. */
function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`)
}

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === OID.int8) return (text: string) => BigInt(text)
    if (oid === OID.timestamp) return parseUtcTimestamp
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

/**
 * An argument as Prisma sends it: a Date as its UTC instant, a bigint as its digits, inside an
 * array too (`pg` would write a Date in an array in the process's local time).
 */
function toPgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toPgValue)
  return value
}

/**
 * `client.$queryRaw(sql)`, on the client's pool directly when `client` is a Prisma client made
 * by createPrismaClient (not a transaction). Prepared-statement opt-in (`PREPARED_SQL`) as for
 * Prisma. Errors are pg's own (`code` is PostgreSQL's SQLSTATE), not Prisma's wrappers.
 */
export async function queryRows<T>(client: Pick<Prisma.TransactionClient, '$queryRaw'>, sql: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(client)
  // After `$disconnect()` the pool is ended; Prisma connects again on a new pool of its own.
  if (!pool || pool.ending) return client.$queryRaw<T[]>(sql)
  const result = await pool.query({
    name: preparedStatementName({ sql: sql.text }),
    text: sql.text,
    values: sql.values.map(toPgValue),
    types,
  })
  for (const field of result.fields) {
    if (!SAME_AS_PRISMA.has(field.dataTypeID)) {
      throw new TypeError(`queryRows: column "${field.name}" has type oid ${field.dataTypeID}, which is not read as $queryRaw reads it; cast it or use $queryRaw`)
    }
  }
  return result.rows as T[]
}
