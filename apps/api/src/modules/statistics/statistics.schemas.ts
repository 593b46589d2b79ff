/** Request and response schemas of the statistics routes. */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, PageQuerySchema } from '../../lib/schemas.js';
import { CallViewSchema } from '../calls/calls.schemas.js';
import { TicketViewSchema } from '../tickets/tickets.schemas.js';
import { CALL_GROUPS } from './read-call-figures.js';
import { TICKET_GROUPS } from './read-ticket-counts.js';
import { EXPORT_LANGS } from '../../lib/export-labels.js';
import { EXPORT_FORMATS } from './export-table.js';
import { TICKET_INDICATORS } from './ticket-indicators.js';

const Rate = Type.Union([Type.Number(), Type.Null()]);
const Period = {
  from: Type.String({ minLength: 10, maxLength: 40, format: 'date-or-date-time', description: 'ISO date or date-time (inclusive)' }),
  to: Type.String({ minLength: 10, maxLength: 40, format: 'date-or-date-time', description: 'ISO date or date-time (exclusive)' }),
  format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)), { default: 'json' })),
  lang: Type.Optional(Type.Union(EXPORT_LANGS.map((l) => Type.Literal(l)), { description: "a file's language (headers, words); default zh-CN" })),
};
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DrillCallSchema = Type.Object({
  ...CallViewSchema.properties, hotlineName: Nullable(Type.String()), hotlineNameEn: Nullable(Type.String()), agentName: Nullable(Type.String()),
});
const DrillTicketSchema = Type.Object({
  ...TicketViewSchema.properties, categoryName: Type.String(), categoryNameEn: Type.String(), unitName: Nullable(Type.String()), unitNameEn: Nullable(Type.String()),
});
const ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema };

const CallRowSchema = Type.Object({
  key: Type.String(), offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(), answeredWithin15s: Type.Integer(),
  answeredWithinThreshold: Type.Integer(), abandonedWithinThreshold: Type.Integer(), totalWaitSeconds: Type.Integer(), totalTalkSeconds: Type.Integer(),
  connectionRate: Rate, timelyAnswerRate: Rate, abandonRate: Rate, averageSpeedOfAnswer: Rate, averageHandleTime: Rate, serviceLevel: Rate, serviceLevel2: Rate,
});

export const callFiguresSchema = {
  tags: ['statistics'], summary: 'Call figures by hour, day, week, month or hotline (from the hourly rollup)',
  querystring: Type.Object({ ...Period, groupBy: Type.Union(CALL_GROUPS.map((g) => Type.Literal(g))), hotline: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
  response: { 200: Type.Object({ from: Type.String(), to: Type.String(), groupBy: Type.String(), thresholdSeconds: Type.Integer(), rows: Type.Array(CallRowSchema), total: CallRowSchema }), ...ERRORS },
};

const counts = {
  created: Type.Integer(), dispatched: Type.Integer(), signed: Type.Integer(), returned: Type.Integer(), extended: Type.Integer(),
  replied: Type.Integer(), reopened: Type.Integer(), closed: Type.Integer(), satisfied: Type.Integer(), supervised: Type.Integer(),
};
const TicketRowSchema = Type.Object({ key: Type.String(), label: Type.String(), labelEn: Type.String(), ...counts });

export const ticketCountsSchema = {
  tags: ['statistics'], summary: 'Ticket counts by channel, kind, category, unit, level, state or class (from the daily rollup)',
  querystring: Type.Object({ ...Period, groupBy: Type.Union(TICKET_GROUPS.map((g) => Type.Literal(g))), unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
  response: { 200: Type.Object({ from: Type.String(), to: Type.String(), groupBy: Type.String(), rows: Type.Array(TicketRowSchema), total: TicketRowSchema }), ...ERRORS },
};

const FigureSchema = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer(), value: Rate });
const FiguresSchema = Type.Object(Object.fromEntries(TICKET_INDICATORS.map((i) => [i, FigureSchema])));

export const ticketFiguresSchema = {
  tags: ['statistics'], summary: 'The ticket figures of DOMAIN.md per unit, recomputed from the trail',
  querystring: Type.Object({ ...Period, unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      from: Type.String(), to: Type.String(),
      rows: Type.Array(Type.Object({ unitId: Type.String(), name: Type.String(), nameEn: Type.String(), figures: FiguresSchema })),
    }),
    ...ERRORS,
  },
};

export const drillSchema = {
  tags: ['statistics'], summary: 'The calls or tickets behind one figure (paginated, numbers masked)',
  querystring: Type.Object({
    ...Period, ...PageQuerySchema,
    metric: Type.String({ minLength: 1, maxLength: 60, description: 'calls.<offered|answered|…> or a ticket indicator' }),
    hotline: Type.Optional(Type.String({ maxLength: 20 })),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator')], { default: 'denominator' })),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      kind: Type.Union([Type.Literal('calls'), Type.Literal('tickets')]), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
      numerator: Type.Optional(Type.Integer()), denominator: Type.Optional(Type.Integer()),
      hiddenOnPage: Type.Optional(Type.Integer({ description: 'tickets of this page counted in the figure but outside your scope' })),
      calls: Type.Optional(Type.Array(DrillCallSchema)), tickets: Type.Optional(Type.Array(DrillTicketSchema)),
    }),
    ...ERRORS,
  },
};
