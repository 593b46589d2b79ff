import { createHash } from 'node:crypto'
import { Prisma } from './generated/prisma/client'

/**
 * Statements that opt into being prepared start with this comment. A prepared (named) statement is
 * parsed once per connection and, after PostgreSQL's first five runs, planned once: the hot
 * path's statements (an intake, an act, the ticket and trail reads) skip the planner, which cost
 * more than their execution. Only statements whose plan cannot depend on their values opt in (a
 * row by its key, inserts, an update by id): a generic plan for a statement whose best plan does
 * depend on them (a `LIMIT $n` over a skewed table) can be far slower, so nothing is prepared by default.
 */
export const PREPARED = '/* prepared */ '

/** The marker as the first part of a `Prisma.sql` template: `` $queryRaw`${PREPARED_SQL}SELECT …` ``. */
export const PREPARED_SQL = Prisma.raw(PREPARED)

const names = new Map<string, string>()
const MAX_NAMES = 1_000

/**
 * The statement's name for `pg` (a hash of its text: the same text is the same statement on every
 * connection), or undefined for a statement that did not opt in. PostgreSQL keeps each name's
 * plan per connection; the texts that opt in are a fixed set, so that set stays small.
 */
export function preparedStatementName(query: { sql: string }): string | undefined {
  if (!query.sql.startsWith(PREPARED)) return undefined
  let name = names.get(query.sql)
  if (name === undefined) {
    name = `y_${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`
    if (names.size >= MAX_NAMES) names.clear()
    names.set(query.sql, name)
  }
  return name
}
