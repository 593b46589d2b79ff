/** Reads what generated rows point at (hotlines, leaf categories, grids, agents, units) from a seeded database. */
import type { Client } from 'pg';
import type { CityReference } from './city-model.js';

export class CityGeneratorError extends Error {
  override name = 'CityGeneratorError';
}

export async function loadCityReference(client: Client): Promise<CityReference> {
  const hotlines = (await client.query<{ id: string; number: string; isPolice: boolean }>('SELECT "id", "number", "isPolice" FROM "hotline" WHERE "active" ORDER BY "number"')).rows;
  const categories = (await client.query<CityReference['categories'][number]>(
    `SELECT c."id", c."name", c."isPolice", c."level", c."defaultUnitId", c."handleLimitDays", c."defaultKind" FROM "category" c
     WHERE c."active" AND NOT EXISTS (SELECT 1 FROM "category" k WHERE k."parentId" = c."id") ORDER BY c."id"`,
  )).rows;
  const grids = (await client.query<{ id: string; name: string; path: string; streetId: string }>(
    `SELECT "id", "name", "path", "parentId" AS "streetId" FROM "area" WHERE "level" = 'grid' ORDER BY "id"`,
  )).rows;
  const agents = (await client.query<{ id: string; extension: string }>(`SELECT "id", "extension" FROM "app_user" WHERE "extension" IS NOT NULL ORDER BY "extension"`)).rows;
  const unitIds = new Set((await client.query<{ id: string }>('SELECT "id" FROM "unit"')).rows.map((row) => row.id));
  const missing = [hotlines.length === 0 && 'hotlines', categories.length === 0 && 'categories', grids.length === 0 && 'grid areas'].filter(Boolean);
  if (missing.length > 0) throw new CityGeneratorError(`the database has no ${missing.join(', ')}: migrate and seed it first (pnpm db:migrate && pnpm db:seed), or pass --fresh`);
  return { hotlines, categories, grids, agents, unitIds };
}
