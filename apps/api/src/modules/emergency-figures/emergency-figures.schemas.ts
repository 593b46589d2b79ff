/** Request and response schemas of the emergency figures. */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);
const Minutes = Type.Union([Type.Number(), Type.Null()]);

export const ActivationFiguresSchema = Type.Object({
  total: Type.Integer(), acknowledged: Type.Integer(), ackRate: Rate, medianAckMinutes: Minutes,
  escalated: Type.Integer(), unreached: Type.Integer(),
});
export const TaskFiguresSchema = Type.Object({ due: Type.Integer(), onTime: Type.Integer(), onTimeRate: Rate });
export const WarningFiguresSchema = Type.Object({ recipients: Type.Integer(), acknowledged: Type.Integer(), ackRate: Rate });

export const EmergencyFiguresSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  incidents: Type.Object({
    received: Type.Integer(), filed: Type.Integer(), dismissed: Type.Integer(), handled: Type.Integer(), closed: Type.Integer(),
    handledOfFiled: Type.Integer({ description: 'incidents filed in the period and handled (or closed) before its end' }),
    handlingRate: Rate,
    firstReport: Type.Object({
      reported: Type.Integer(), owed: Type.Integer(), onTime: Type.Integer(), onTimeRate: Rate, medianMinutes: Minutes,
    }, { description: 'time from filing to the initial report (初报)' }),
  }),
  activations: ActivationFiguresSchema,
  tasks: TaskFiguresSchema,
  warnings: WarningFiguresSchema,
  resources: Type.Object({
    allocations: Type.Integer(), incidents: Type.Integer(),
    byMeasure: Type.Record(Type.String(), Type.Number(), { description: 'vehicle trips, person-times, tonnes … dispatched' }),
  }),
  units: Type.Array(Type.Object({
    unit: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), tier: Type.Union([Type.Integer(), Type.Null()]) }),
    activations: ActivationFiguresSchema,
    tasks: TaskFiguresSchema,
    warnings: WarningFiguresSchema,
  })),
});

export const emergencyFiguresSchema = {
  tags: ['statistics'],
  summary: 'Emergency figures (应急管理): incidents, first reports, acknowledgements per unit, tasks, warnings, resources',
  querystring: Type.Object({
    from: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (inclusive)' }),
    to: Type.String({ minLength: 10, maxLength: 40, description: 'ISO date or date-time (exclusive)' }),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  }, { additionalProperties: false }),
  response: { 200: EmergencyFiguresSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};
