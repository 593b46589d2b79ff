/** Patrol reports (巡查上报), their category suggestion, and where a point lies. */
import { Type, type Static } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, FieldsSchema, ReasonSchema } from '../../lib/schemas.js';
import { ClassificationSchema } from '../tickets/tickets-intake.schemas.js';
import { TicketDetailSchema } from '../tickets/tickets.schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lng = Type.Number({ minimum: -180, maximum: 180 });

export const PositionSchema = Type.Object({
  lat: Lat,
  lng: Lng,
  /** The fix's accuracy radius in metres, as `navigator.geolocation` gives it. */
  accuracy: Type.Number({ minimum: 0, maximum: 100000 }),
}, { additionalProperties: false });

export const PatrolReportBodySchema = Type.Object({
  categoryId: Id,
  /** What the worker found, in a few words; its first line becomes the title. */
  description: ReasonSchema({ maxLength: 1000 }),
  position: PositionSchema,
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  /** The grid the phone thinks it is in: recorded in the trail, never used to place the report. */
  guessedAreaId: Type.Optional(Id),
  /** The category's extra intake fields, when it has required ones. */
  fields: Type.Optional(FieldsSchema),
  /** 自处: the worker settled it on the spot; `result` says how. */
  handledOnSpot: Type.Optional(Type.Boolean()),
  result: Type.Optional(ReasonSchema({ maxLength: 2000 })),
}, { additionalProperties: false });
export type PatrolReportBody = Static<typeof PatrolReportBodySchema>;

/** A client's key for one report: a UUID or any 8–128 characters of letters, digits and `-_.:`. */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }),
});

export const filePatrolReportSchema = {
  tags: ['patrol'],
  summary: 'File a patrol report (巡查上报) as a grid_patrol ticket placed by its GPS point; handledOnSpot closes it at once (自处)',
  headers: IdempotencyHeadersSchema,
  body: PatrolReportBodySchema,
  response: {
    201: Type.Object({
      ticket: TicketDetailSchema,
      classification: ClassificationSchema,
      /** True when this key had already filed the ticket: the first answer's ticket, as it is now. */
      replayed: Type.Boolean(),
    }),
    ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema,
  },
};

const SuggestionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  isPolice: Type.Boolean(),
  keyword: Type.String(),
  source: Type.Union([Type.Literal('rule'), Type.Literal('category')]),
});

export const suggestCategorySchema = {
  tags: ['patrol'],
  summary: 'A category suggested from the report\'s words by the keyword rules, and whether they read as a police matter',
  querystring: Type.Object({ text: ReasonSchema({ maxLength: 1000 }) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      category: Type.Union([SuggestionSchema, Type.Null()]),
      alternatives: Type.Array(SuggestionSchema),
      ticketClass: Type.Object({ ticketClass: Type.String(), source: Type.String(), keyword: Type.Union([Type.String(), Type.Null()]) }),
    }),
    ...AUTH_ERRORS,
  },
};

const AreaNameSchema = Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() });

export const locateAreaSchema = {
  tags: ['patrol'],
  summary: 'The grid a point lies in (by the grid polygons), as a report there would be placed',
  querystring: Type.Object({ lat: Lat, lng: Lng }, { additionalProperties: false }),
  response: {
    200: Type.Object({ ...AreaNameSchema.properties, street: Type.Union([AreaNameSchema, Type.Null()]) }),
    ...AUTH_ERRORS,
  },
};
