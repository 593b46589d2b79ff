import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS } from '../../lib/schemas.js';
import { readWallboard } from './wallboard.service.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);

const WallboardSchema = Type.Object({
  day: Type.String(),
  calls: Type.Object({
    offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(), answeredWithin15s: Type.Integer(),
    totalWaitSeconds: Type.Integer(), totalTalkSeconds: Type.Integer(),
    byHotline: Type.Record(Type.String(), Type.Integer()),
    byHour: Type.Array(Type.Integer(), { minItems: 24, maxItems: 24 }),
  }),
  figures: Type.Object({ connectionRate: Rate, timelyAnswerRate: Rate, abandonRate: Rate, averageSpeedOfAnswer: Rate, averageHandleTime: Rate }),
  tickets: Type.Object({ police: Type.Integer(), nonPolice: Type.Integer() }),
  overdueByUnit: Type.Array(Type.Object({ unitId: Type.String(), name: Type.String(), nameEn: Type.String(), count: Type.Integer() })),
});

/** Today's call volume and figures for the supervisors' wallboard (live parts come over /ws). */
export default async function wallboardRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/wallboard/today',
    {
      schema: { tags: ['supervision'], summary: 'Today: calls per hotline and hour, answer figures, tickets by class, overdue by unit', response: { 200: WallboardSchema, ...AUTH_ERRORS } },
      config: { roles: [ROLES.shift_lead, ROLES.commander, ROLES.dispatcher] },
    },
    async () => readWallboard(app.prisma, app.clock.now()),
  );
}
