export { createPrismaClient, type CreatePrismaClientOptions } from './client'
export { PREPARED, PREPARED_SQL, preparedStatementName } from './prepared-statements'
export { queryRows } from './direct-query'
// The generated client (run `pnpm db:generate` first): PrismaClient, the Prisma namespace, model types.
export * from './generated/prisma/client'
