import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '@yixian/domain';
import { AUTH_ERRORS } from '../../lib/schemas.js';
import { readWallboard } from './wallboard.service.js';
import { QUEUE_ALARMS_TYPE, evaluateAndStoreQueueAlarms } from './queue-alarms.js';

const QueueAlarmsSchema = Type.Object({
  type: Type.Literal(QUEUE_ALARMS_TYPE),
  at: Type.String(),
  thresholds: Type.Object({ waitSeconds: Type.Number(), serviceLevel: Type.Number(), windowMinutes: Type.Number(), answerSeconds: Type.Number() }),
  alarms: Type.Array(Type.Object({
    kind: Type.Union([Type.Literal('long_wait'), Type.Literal('low_service_level')]),
    value: Type.Number(), threshold: Type.Number(), since: Type.String(), answered: Type.Optional(Type.Integer()),
  })),
});

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

  app.get(
    '/api/wallboard/alarms',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Queue alarms standing now: the longest wait past its threshold, the service level under its target over the window (also pushed on the wallboard topic)',
        response: { 200: QueueAlarmsSchema, ...AUTH_ERRORS },
      },
      config: { roles: [ROLES.shift_lead, ROLES.commander, ROLES.dispatcher] },
    },
    async () => evaluateAndStoreQueueAlarms({ prisma: app.prisma, redis: app.redis, config: app.config, now: app.clock.now() }),
  );
}
