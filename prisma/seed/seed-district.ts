/**
 * Which district the seed builds: the demo's Wangcheng, or none (a new district built in the console).
 * Its own file, free of the database client, because the start command reads it before it has
 * generated the Prisma client on a fresh clone.
 */
export type SeedDistrict = 'wangcheng' | 'none';

export function readSeedDistrict(env: NodeJS.ProcessEnv): SeedDistrict {
  const value = (env.SEED_DISTRICT ?? 'wangcheng').trim();
  if (value === 'wangcheng' || value === 'none') return value;
  throw new Error(`SEED_DISTRICT must be "wangcheng" (the demo district) or "none" (build the district in the console), not "${value}"`);
}
