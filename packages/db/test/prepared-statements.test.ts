import { describe, expect, it } from 'vitest'
import { PREPARED_SQL, Prisma, preparedStatementName } from '../src'
import { useOneConnectionClient } from './pg-fixtures'

describe('preparedStatementName', () => {
  it('names only statements that start with the marker, by their text', () => {
    const marked = Prisma.sql`${PREPARED_SQL}SELECT 1 WHERE ${1} = 1`
    expect(preparedStatementName({ sql: 'SELECT 1' })).toBeUndefined()
    expect(preparedStatementName({ sql: ` ${marked.sql}` })).toBeUndefined()
    const name = preparedStatementName({ sql: marked.sql })
    expect(name).toMatch(/^y_[0-9a-f]{24}$/)
    expect(preparedStatementName({ sql: marked.sql })).toBe(name)
    expect(preparedStatementName({ sql: `${marked.sql} ` })).not.toBe(name)
  })
})

describe('prepared statements on a connection', { timeout: 60_000 }, () => {
  // One connection, so that what one statement prepared the next one sees.
  const fixture = useOneConnectionClient()

  const prepared = async () =>
    fixture.prisma.$queryRaw<Array<{ name: string; statement: string; calls: number }>>`
      SELECT name, statement, (generic_plans + custom_plans)::int AS calls FROM pg_prepared_statements ORDER BY name`

  it('prepares a marked statement once and runs it again by name; an unmarked one is not kept', async () => {
    for (const value of [1, 2, 3]) {
      expect(await fixture.prisma.$queryRaw`${PREPARED_SQL}SELECT ${value}::int AS value`).toEqual([{ value }])
      expect(await fixture.prisma.$queryRaw`SELECT ${value}::int + 1 AS value`).toEqual([{ value: value + 1 }])
    }
    const [statement, ...others] = await prepared()
    expect(others).toEqual([])
    expect(statement).toEqual({ name: preparedStatementName({ sql: statement!.statement }), statement: expect.stringMatching(/^\/\* prepared \*\/ SELECT \$1::int AS value$/), calls: 3 })
  })

  it('works inside a transaction and after one that failed', async () => {
    await expect(fixture.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`${PREPARED_SQL}SELECT ${1}::int AS value`
      await tx.$queryRaw`SELECT 1 / ${0}::int`
    })).rejects.toThrow(/division by zero/)
    expect(await fixture.prisma.$transaction(async (tx) => tx.$queryRaw`${PREPARED_SQL}SELECT ${7}::int AS value`)).toEqual([{ value: 7 }])
  })
})
