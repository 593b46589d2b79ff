import { Type, type Static } from 'typebox';
import { CHANNEL_VALUES, TICKET_CLASS_VALUES, TICKET_KIND_VALUES, URGENCY_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, FieldsSchema, ReasonSchema } from '../../lib/schemas.js';
import { KeyedHeadersSchema } from './tickets-actions.schemas.js';
import { TicketDetailSchema } from './tickets.schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

/** Channels the intake takes; a grid patrol report is filed through `POST /api/patrol-reports` (its key and GPS placement). */
export const INTAKE_CHANNEL_VALUES = CHANNEL_VALUES.filter((channel) => channel !== 'grid_patrol');

export const CreateTicketBodySchema = Type.Object({
  channel: literalUnion(INTAKE_CHANNEL_VALUES),
  callId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  callerNumber: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
  callerName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  categoryId: Type.String({ minLength: 1, maxLength: 64 }),
  kind: Type.Optional(literalUnion(TICKET_KIND_VALUES)),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
  urgency: Type.Optional(literalUnion(URGENCY_VALUES)),
  confidential: Type.Optional(Type.Boolean()),
  fields: Type.Optional(FieldsSchema),
  ticketClass: Type.Optional(literalUnion(TICKET_CLASS_VALUES)),
  classReason: Type.Optional(ReasonSchema({ maxLength: 500 })),
  closeAtIntake: Type.Optional(Type.Object({
    answer: Type.String({ minLength: 1, maxLength: 5000 }),
    /**
     * The knowledge-base article that answered: it must be published and valid now; the ticket
     * records it with its published version (and the trail its title).
     */
    article: Type.Optional(Type.Object({
      id: Type.String({ minLength: 1, maxLength: 64 }),
    }, { additionalProperties: false })),
  }, { additionalProperties: false })),
  dispatch: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type CreateTicketBody = Static<typeof CreateTicketBodySchema>;

export const ClassificationSchema = Type.Object({
  ticketClass: Type.String(),
  suggested: Type.String(),
  source: Type.String(),
  keyword: Type.Union([Type.String(), Type.Null()]),
  overridden: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const DuplicateSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  state: Type.String(),
  categoryId: Type.String(),
  areaId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  reasons: Type.Array(Type.String()),
  distanceMeters: Type.Union([Type.Number(), Type.Null()]),
});

export const createTicketSchema = {
  tags: ['tickets'],
  summary: 'Intake: a call, letter, mobile report or web form becomes a ticket; a retry under the same Idempotency-Key gets the first ticket',
  headers: KeyedHeadersSchema,
  body: CreateTicketBodySchema,
  response: {
    201: Type.Object({
      ticket: TicketDetailSchema, classification: ClassificationSchema, duplicates: Type.Array(DuplicateSchema),
      /** True when this `Idempotency-Key` had already filed the ticket: the first answer's ticket, as it is now. */
      replayed: Type.Boolean(),
    }),
    ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema,
  },
};

export const duplicatesSchema = {
  tags: ['tickets'],
  summary: 'Possible duplicates: same caller, or same area and category, within 7 days (50 m for located reports)',
  querystring: Type.Object({
    callerNumber: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
    callId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    categoryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    excludeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A ticket to leave out: the one being written or just saved' })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(DuplicateSchema) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const RecentTicketSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  title: Type.String(),
  state: Type.String(),
  channel: Type.String(),
  createdAt: Type.String(),
});

export const recentTicketsSchema = {
  tags: ['tickets'],
  summary: 'The last tickets the signed-in user took in, newest first (the desk\'s recent-tickets panel)',
  querystring: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(RecentTicketSchema) }), ...AUTH_ERRORS },
};
