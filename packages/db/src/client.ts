import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from './generated/prisma/client'

/**
 * The one way to open the database: Prisma 7 with the `pg` driver adapter, fully offline
 * (no query-engine binary). `max` bounds this process's share of PostgreSQL connections.
 */
export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 })
  return new PrismaClient({ adapter })
}
