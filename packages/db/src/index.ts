export { createPrismaClient, type CreatePrismaClientOptions } from './client'
// The generated client (run `pnpm db:generate` first): PrismaClient, the Prisma namespace, model types.
export * from './generated/prisma/client'
