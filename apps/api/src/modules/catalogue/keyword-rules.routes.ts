/**
 * 系统管理 → 关键词规则: the classification's keyword rules for administrators, audited, versioned,
 * announced on the config bus (`keyword_rules`); and `POST /api/admin/keyword-rules/try`.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { createRuleSchema, listRulesSchema, toggleRuleSchema, tryRulesSchema, updateRuleSchema } from './keyword-rules.schemas.js';
import { createRule, listRules, setRuleActive, tryRules, updateRule } from './keyword-rules.service.js';

const ADMINS = [ROLES.admin];

export default async function keywordRuleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/admin/keyword-rules', { schema: listRulesSchema, config: { roles: ADMINS } }, async () => listRules(app.prisma));

  app.post('/api/admin/keyword-rules', { schema: createRuleSchema, config: { roles: ADMINS } }, async (request) => {
    const rule = await app.prisma.$transaction((tx) => createRule(tx, request, app.clock.now(), request.body));
    await app.configChanged(['keyword_rules']);
    return rule;
  });

  app.post('/api/admin/keyword-rules/try', { schema: tryRulesSchema, config: { roles: ADMINS } }, async (request) => tryRules(app.prisma, request.body));

  app.patch('/api/admin/keyword-rules/:id', { schema: updateRuleSchema, config: { roles: ADMINS } }, async (request) => {
    const rule = await app.prisma.$transaction((tx) => updateRule(tx, request, app.clock.now(), request.params.id, request.body));
    await app.configChanged(['keyword_rules']);
    return rule;
  });

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    app.post(`/api/admin/keyword-rules/:id/${verb}`, { schema: toggleRuleSchema, config: { roles: ADMINS } }, async (request) => {
      const params = request.params as { id: string };
      const body = request.body as { version: number };
      const rule = await app.prisma.$transaction((tx) => setRuleActive(tx, request, app.clock.now(), params.id, body.version, active));
      await app.configChanged(['keyword_rules']);
      return rule;
    });
  }
}
