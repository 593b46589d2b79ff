/**
 * The seed: it only adds what is missing, never overwrites, so running it twice changes
 * nothing and a restart never undoes an administrator's edit (a changed time limit, a
 * disabled account).
 *   tsx prisma/seed/index.ts [--bulk]     (DATABASE_URL, DEMO_PASSWORD)
 */
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import { readMode } from '@yixian/runtime';
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
  if (production && bulk) {
    // The bulk accounts share the demo password: a production import must give each its own one-time password (not built yet).
    console.error('seed: --bulk (SEED_BULK=1) creates accounts with the demo password and is refused with YIXIAN_MODE=production');
    process.exit(2);
  }
  const prisma = createPrismaClient(url);
  try {
    const started = Date.now();
    const { usersCreated } = await seedDatabase(prisma, {
      bulk,
      password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
      demoAccounts: !production,
    });
    console.log(`seed: done in ${Date.now() - started} ms, ${usersCreated} accounts created`);
  } finally {
    await prisma.$disconnect();
  }
}
