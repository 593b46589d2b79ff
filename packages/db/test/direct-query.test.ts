import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createPrismaClient, PREPARED_SQL, Prisma, queryRows } from '../src'
import { useOneConnectionClient } from './pg-fixtures'

describe('queryRows: a raw statement straight on the pool', { timeout: 60_000 }, () => {
  // One connection: the direct statements and Prisma's share it, or the second would wait forever.
  const fixture = useOneConnectionClient()

  // Every type the direct path reads, with values that a local-time or string reading would get wrong.
  const everyType = (at: Date, id: bigint, json: object, list: string[]) => Prisma.sql`${PREPARED_SQL}SELECT
    ${true}::boolean AS "bool", ${7}::int AS "int4", ${id}::bigint AS "int8", ${1.5}::float8 AS "float8", ${'文字'}::text AS "text",
    ${at}::timestamp(3) AS "timestamp", ${at}::timestamptz AS "timestamptz", '2026-12-06 23:30:00.5'::timestamp(3) AS "lateUtc",
    ${JSON.stringify(json)}::jsonb AS "jsonb", json_build_object('n', 1) AS "json", ${list}::text[] AS "textArray",
    NULL::text AS "none", gen_random_uuid() AS "uuid", xmin::text AS "version" FROM (SELECT 1) AS one, pg_class WHERE pg_class.relname = 'pg_class'`

  it('gives every row as $queryRaw gives it, arguments included (a Date, a bigint, an array, JSON), in a process on Beijing time', async () => {
    const at = new Date('2026-12-06T23:59:58.123Z')
    const sql = everyType(at, 9007199254740993n, { a: [1, '二'] }, ['x', 'y,z'])
    const viaPrisma = await fixture.prisma.$queryRaw<Array<Record<string, unknown>>>(sql)
    // pg's own reading of a Date argument and of a timestamp column is local time: 8 hours off here.
    const zone = process.env.TZ
    process.env.TZ = 'Asia/Shanghai'
    const direct = await queryRows<Record<string, unknown>>(fixture.prisma, sql).finally(() => {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    })
    const withoutUuid = (rows: Array<Record<string, unknown>>) => rows.map(({ uuid, ...rest }) => ({ ...rest, uuidIsString: typeof uuid === 'string' }))
    expect(withoutUuid(direct)).toEqual(withoutUuid(viaPrisma))
    expect(direct[0]).toMatchObject({ int8: 9007199254740993n, timestamp: at, timestamptz: at, lateUtc: new Date('2026-12-06T23:30:00.500Z'), jsonb: { a: [1, '二'] }, textArray: ['x', 'y,z'], none: null })
  })

  it('refuses a column it would read differently, naming it', async () => {
    await expect(queryRows(fixture.prisma, Prisma.sql`SELECT 1.50::numeric AS "amount"`)).rejects.toThrow(/column "amount" has type oid 1700/)
    await expect(queryRows(fixture.prisma, Prisma.sql`SELECT current_date AS "day"`)).rejects.toThrow(/column "day"/)
    // $queryRaw reads an oid as a BigInt; pg as a number.
    await expect(queryRows(fixture.prisma, Prisma.sql`SELECT 'pg_class'::regclass::oid AS "table"`)).rejects.toThrow(/column "table" has type oid 26/)
  })

  it('sends a Date inside an array as Prisma does (UTC), in a process on Beijing time', async () => {
    const at = new Date('2026-12-06T23:59:58.120Z')
    const sql = Prisma.sql`SELECT (${[at, null]}::timestamp(3)[])[1] AS "first"`
    const zone = process.env.TZ
    process.env.TZ = 'Asia/Shanghai'
    try {
      expect(await queryRows(fixture.prisma, sql)).toEqual(await fixture.prisma.$queryRaw(sql))
      expect(await queryRows(fixture.prisma, sql)).toEqual([{ first: at }])
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('$disconnect() ends the pool of a client that ran only direct statements, and the client still answers after it', async () => {
    const url = new URL(fixture.db.url)
    url.searchParams.set('application_name', 'direct_only_probe')
    const client = createPrismaClient(url.href)
    const admin = new pg.Client({ connectionString: fixture.db.ownerUrl })
    await admin.connect()
    const connections = async () => (await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'direct_only_probe'`)).rows[0]!.n
    try {
      expect(await queryRows(client, Prisma.sql`SELECT 1::int AS one`)).toEqual([{ one: 1 }])
      expect(await connections()).toBe(1)
      await client.$disconnect()
      // The backend leaves pg_stat_activity once it has seen the Terminate: a few reads at most (an idle pool would keep it 10 s).
      const deadline = Date.now() + 2_000
      let left = await connections()
      while (left > 0 && Date.now() < deadline) left = await connections()
      expect(left).toBe(0)
      // As Prisma does after $disconnect(): the next statement connects again.
      expect(await queryRows(client, Prisma.sql`SELECT 2::int AS two`)).toEqual([{ two: 2 }])
    } finally {
      await client.$disconnect()
      await admin.end()
    }
  })

  it('inside a transaction runs on the transaction (its writes seen, rolled back with it)', async () => {
    // A temporary table: the pool has one connection, so every statement here sees it.
    await fixture.prisma.$executeRaw`CREATE TEMP TABLE direct_probe (id int PRIMARY KEY)`
    await expect(fixture.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO direct_probe VALUES (1)`
      expect(await queryRows(tx, Prisma.sql`SELECT count(*)::int AS n FROM direct_probe`)).toEqual([{ n: 1 }])
      throw new Error('roll back')
    })).rejects.toThrow('roll back')
    expect(await queryRows(fixture.prisma, Prisma.sql`SELECT count(*)::int AS n FROM direct_probe`)).toEqual([{ n: 0 }])
  })

  it('uses the same named statement as Prisma for a marked text, and reports PostgreSQL errors by their code', async () => {
    const sql = Prisma.sql`${PREPARED_SQL}SELECT ${41}::int + 1 AS answer`
    expect(await queryRows(fixture.prisma, sql)).toEqual([{ answer: 42 }])
    expect(await fixture.prisma.$queryRaw(sql)).toEqual([{ answer: 42 }])
    const [prepared] = await queryRows<{ calls: number }>(fixture.prisma, Prisma.sql`
      SELECT (generic_plans + custom_plans)::int AS calls FROM pg_prepared_statements WHERE statement = ${sql.text}`)
    expect(prepared).toEqual({ calls: 2 })
    await expect(queryRows(fixture.prisma, Prisma.sql`SELECT 1 / ${0}::int`)).rejects.toMatchObject({ code: '22012' })
  })
})
