/**
 * 系统管理 → 分类: the category tree for administrators. Every change is audited with before and
 * after in its transaction, answers 409 to a stale version, and is announced on the config bus
 * (`categories`) so the intake form and every cache see it without a restart.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { nudgeOutbox } from '../outbox/add-to-outbox.js';
import {
  createCategorySchema, listCategoriesSchema, toggleCategorySchema, updateCategorySchema,
} from './category-admin.schemas.js';
import { createCategory, listCategories, setCategoryActive, updateCategory } from './category-admin.service.js';

const ADMINS = [ROLES.admin];
/** A limit change may re-plan many open tickets in its one transaction. */
export const REPLAN_TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

export default async function categoryAdminRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/admin/categories', { schema: listCategoriesSchema, config: { roles: ADMINS } }, async () => listCategories(app.prisma));

  app.post('/api/admin/categories', { schema: createCategorySchema, config: { roles: ADMINS } }, async (request) => {
    const created = await app.prisma.$transaction((tx) => createCategory(tx, request, app.clock.now(), request.body));
    await app.configChanged(['categories']);
    return created;
  });

  app.patch('/api/admin/categories/:id', { schema: updateCategorySchema, config: { roles: ADMINS } }, async (request) => {
    const result = await app.prisma.$transaction(
      (tx) => updateCategory(tx, request, app.clock.now(), request.params.id, request.body), REPLAN_TRANSACTION,
    );
    if (!result.dryRun) {
      await app.configChanged(['categories']);
      if (result.replanned.count > 0) await nudgeOutbox(app.redis, app.config.redisPrefix);
    }
    return result;
  });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    app.post(`/api/admin/categories/:id/${verb}`, { schema: toggleCategorySchema, config: { roles: ADMINS } }, async (request) => {
      const params = request.params as { id: string };
      const body = request.body as { version: number };
      const result = await app.prisma.$transaction((tx) => setCategoryActive(tx, request, app.clock.now(), params.id, body.version, active));
      await app.configChanged(['categories']);
      return result;
    });
  }
}
