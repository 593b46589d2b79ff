/**
 * The seed: it only adds what is missing, never overwrites, so running it twice changes
 * nothing and a restart never undoes an administrator's edit (a changed time limit, a
 * disabled account).
 *   tsx prisma/seed/index.ts [--bulk]     (DATABASE_URL, DEMO_PASSWORD)
 * With YIXIAN_MODE=production there are no demo accounts, and the bulk accounts get a password
 * nobody knows: `npm run accounts:initial-passwords` then issues each its own one-time password.
 *
 * `SEED_DISTRICT=none` seeds no district: no hotlines, areas, units, categories or accounts —
 * only what any district starts from (the national holidays, the generic police keywords, the
 * default assessment scheme). An administrator then builds the district in the console
 * (README, "Setting up a new district"). Whenever no active administrator exists and no demo
 * accounts are seeded, an `admin` account is created with a one-time password, printed once.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from '@yixian/db';
import { INITIAL_PASSWORDS_COMMAND, readMode } from '@yixian/runtime';
import { seedOrganisation } from './seed-org.js';
import { seedCalendar, seedCatalogue, seedHotlines } from './seed-reference.js';
import { DEFAULT_DEMO_PASSWORD, seedUsers } from './seed-users.js';
import { seedKeywordRules } from './seed-keyword-rules.js';
import { seedAssessment } from './seed-assessment.js';
import { seedResponsePlans } from './seed-response-plans.js';
import { ensureInitialAdmin, type InitialAdmin } from './seed-initial-admin.js';
import { readSeedDistrict, type SeedDistrict } from './seed-district.js';
import { seedKnowledge } from './seed-knowledge.js';
import { seedDutyRosters } from './seed-duty-rosters.js';
import { seedResources } from './seed-resources.js';

export { readSeedDistrict, type SeedDistrict };

export interface SeedOptions {
  bulk?: boolean;
  password?: string;
  /** The demo-* accounts: seeded in demo mode only (YIXIAN_MODE=production leaves them out). */
  demoAccounts?: boolean;
  /** Default wangcheng; `none` seeds no district (see the file's comment). */
  district?: SeedDistrict;
}

export interface SeedResult {
  usersCreated: number;
  /** The first administrator, created when none existed (its one-time password is shown once). */
  initialAdmin: InitialAdmin | null;
}

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const district = options.district ?? 'wangcheng';
  await seedCalendar(prisma);
  await seedAssessment(prisma);
  if (district === 'none') {
    await seedKeywordRules(prisma, { genericOnly: true });
    return { usersCreated: 0, initialAdmin: await ensureInitialAdmin(prisma) };
  }
  await seedHotlines(prisma);
  await seedOrganisation(prisma);
  await seedCatalogue(prisma);
  await seedKeywordRules(prisma);
  await seedKnowledge(prisma);
  await seedResponsePlans(prisma);
  const demoAccounts = options.demoAccounts ?? true;
  const usersCreated = await seedUsers(prisma, {
    password: options.password ?? DEFAULT_DEMO_PASSWORD,
    bulk: options.bulk ?? false,
    demoAccounts,
  });
  // Demo people and phones: never in a production district.
  if (demoAccounts) {
    await seedDutyRosters(prisma);
    await seedResources(prisma);
  }
  return { usersCreated, initialAdmin: demoAccounts ? null : await ensureInitialAdmin(prisma) };
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
    const { usersCreated, initialAdmin } = await seedDatabase(prisma, {
      district: readSeedDistrict(process.env),
      bulk,
      // In production nobody may know the bulk accounts' password: they get one nobody is told, until
      // accounts:initial-passwords gives each its own (the production start refuses to run before).
      password: production ? randomBytes(32).toString('base64url') : process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
      demoAccounts: !production,
    });
    console.log(`seed: done in ${Date.now() - started} ms, ${usersCreated} accounts created`);
    // `npm start` repeats it under its banner (the console build's output would scroll it away), then deletes the file.
    if (initialAdmin && process.env.SEED_INITIAL_ADMIN_FILE) {
      writeFileSync(process.env.SEED_INITIAL_ADMIN_FILE, JSON.stringify(initialAdmin), { mode: 0o600 });
    }
    if (initialAdmin) {
      console.log(`seed: the first administrator is "${initialAdmin.username}" with the one-time password ${initialAdmin.oneTimePassword}`);
      console.log('seed: sign in with it and choose your own password; it is shown only this once');
    }
    if (production && bulk) console.log(`seed: the bulk accounts have no usable password yet: ${INITIAL_PASSWORDS_COMMAND}`);
  } finally {
    await prisma.$disconnect();
  }
}
