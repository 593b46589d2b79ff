/**
 * Read-only reference data for the console's intake form: the category catalogue (groups and
 * leaves with their required fields), the area tree (boundaries only when asked) and the units.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { areasSchema, categoriesSchema, unitsSchema } from './catalogue.schemas.js';

const CATALOGUE_READERS = Object.values(ROLES).filter((role) => role !== ROLES.auditor);

export default async function catalogueRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/categories', { schema: categoriesSchema, config: { roles: CATALOGUE_READERS } }, async () => {
    const rows = await app.prisma.category.findMany({
      where: { active: true }, orderBy: { code: 'asc' }, include: { _count: { select: { children: true } } },
    });
    return rows.map((row) => ({
      id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, parentId: row.parentId, isLeaf: row._count.children === 0,
      defaultKind: row.defaultKind, isPolice: row.isPolice, level: row.level, defaultUnitId: row.defaultUnitId,
      handleLimitDays: row.handleLimitDays, requiredFields: Array.isArray(row.requiredFields) ? (row.requiredFields as Record<string, unknown>[]) : [],
    }));
  });

  app.get('/api/areas', { schema: areasSchema, config: { roles: CATALOGUE_READERS } }, async (request) => {
    const { level, parentId, withBoundary } = request.query;
    const rows = await app.prisma.area.findMany({
      where: { ...(level ? { level } : {}), ...(parentId ? { parentId } : {}) }, orderBy: { path: 'asc' },
    });
    return rows.map((row) => ({
      id: row.id, code: row.code, name: row.name, nameEn: row.nameEn, level: row.level, parentId: row.parentId, path: row.path,
      centroidLat: row.centroidLat, centroidLng: row.centroidLng, ...(withBoundary ? { boundary: (row.boundary ?? null) as Record<string, unknown> | null } : {}),
    }));
  });

  app.get('/api/units', { schema: unitsSchema, config: { roles: CATALOGUE_READERS } }, async (request) =>
    app.prisma.unit.findMany({
      where: { active: true, ...(request.query.type ? { type: request.query.type } : {}), ...(request.query.areaId ? { areaId: request.query.areaId } : {}) },
      orderBy: [{ type: 'asc' }, { code: 'asc' }],
      select: { id: true, code: true, name: true, nameEn: true, type: true, linkageTier: true, areaId: true },
    }),
  );
}
