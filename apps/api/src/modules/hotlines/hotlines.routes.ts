import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS } from '../../lib/schemas.js';

const HotlineSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  isPolice: Type.Boolean(),
  priority: Type.Integer(),
});

export default async function hotlineRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/hotlines',
    {
      schema: { tags: ['calls'], summary: 'The hotline numbers merged into the centre', response: { 200: Type.Array(HotlineSchema), ...AUTH_ERRORS } },
      config: { roles: Object.values(ROLES) },
    },
    async () =>
      app.prisma.hotline.findMany({
        where: { active: true },
        orderBy: [{ priority: 'desc' }, { number: 'asc' }],
        select: { id: true, number: true, name: true, nameEn: true, isPolice: true, priority: true },
      }),
  );
}
