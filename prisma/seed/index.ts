/**
 * The seed: it only adds what is missing, never overwrites, so running it twice changes
 * nothing and a restart never undoes an administrator's edit (a changed time limit, a
 * disabled account).
 *   tsx prisma/seed/index.ts [--bulk]     (DATABASE_URL, DEMO_PASSWORD)
 * With YIXIAN_MODE=production there are no demo accounts, and the bulk accounts get a password
 * nobody knows: `npm run accounts:initial-passwords` then issues each its own one-time password.
 */
import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import { INITIAL_PASSWORDS_COMMAND, readMode } from '@yixian/runtime';
import { seedOrganisation } from './seed-org.js';
import { seedCalendar, seedCatalogue, seedHotlines } from './seed-reference.js';
import { DEFAULT_DEMO_PASSWORD, seedUsers } from './seed-users.js';
import { seedKeywordRules } from './seed-keyword-rules.js';
import { seedAssessment } from './seed-assessment.js';

export interface SeedOptions {
  bulk?: boolean;
  password?: string;
  /** The demo-* accounts: seeded in demo mode only (YIXIAN_MODE=production leaves them out). */
  demoAccounts?: boolean;
}

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<{ usersCreated: number }> {
  await seedHotlines(prisma);
  await seedOrganisation(prisma);
  await seedCatalogue(prisma);
  await seedCalendar(prisma);
  await seedKeywordRules(prisma);
  await seedAssessment(prisma);
  const usersCreated = await seedUsers(prisma, {
    password: options.password ?? DEFAULT_DEMO_PASSWORD,
    bulk: options.bulk ?? false,
    demoAccounts: options.demoAccounts ?? true,
  });
  return { usersCreated };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const production = readMode(process.env) === 'production';
  const bulk = process.argv.includes('--bulk') || process.env.SEED_BULK === '1';
  const prisma = createPrismaClient(url);
  try {
    const started = Date.now();
    const { usersCreated } = await seedDatabase(prisma, {
      bulk,
      // In production nobody may know the bulk accounts' password: they get one nobody is told, until
      // accounts:initial-passwords gives each its own (the production start refuses to run before).
      password: production ? randomBytes(32).toString('base64url') : process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
      demoAccounts: !production,
    });
    console.log(`seed: done in ${Date.now() - started} ms, ${usersCreated} accounts created`);
    if (production && bulk) console.log(`seed: the bulk accounts have no usable password yet: ${INITIAL_PASSWORDS_COMMAND}`);
  } finally {
    await prisma.$disconnect();
  }
}
