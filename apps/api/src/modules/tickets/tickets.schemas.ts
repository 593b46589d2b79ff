import { Type } from 'typebox';
import { AttachmentViewSchema } from '../attachments/ticket-attachments.schemas.js';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema, ReasonSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const TicketViewSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  channel: Type.String(),
  ticketClass: Type.String(),
  state: Type.String(),
  policeState: Nullable(Type.String()),
  kind: Type.String(),
  categoryId: Type.String(),
  urgency: Type.String(),
  confidential: Type.Boolean(),
  title: Type.String(),
  description: Type.String(),
  callerNumber: Nullable(Type.String()),
  address: Nullable(Type.String()),
  areaId: Nullable(Type.String()),
  leadUnitId: Nullable(Type.String()),
  supportingUnitIds: Type.Array(Type.String()),
  hotlineNumber: Nullable(Type.String()),
  callId: Nullable(Type.String()),
  level: Nullable(Type.String()),
  signDueAt: Nullable(Type.String()),
  handleDueAt: Nullable(Type.String()),
  followUpDueAt: Nullable(Type.String()),
  extensionCount: Type.Integer(),
  verdict: Nullable(Type.String()),
  linkedTicketId: Nullable(Type.String()),
  mergedIntoId: Nullable(Type.String()),
  dispatchedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** A ticket in `GET /api/tickets`: the view plus its category's names. */
export const ListedTicketSchema = Type.Object({
  ...TicketViewSchema.properties,
  categoryName: Nullable(Type.String()),
  categoryNameEn: Nullable(Type.String()),
});

export const TicketEventViewSchema = Type.Object({
  id: Type.String(),
  actorName: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  unitNameEn: Nullable(Type.String()),
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  actorId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
  /** The files the act carries (a reply's, a return's, a report's photos); download each by id. */
  attachments: Type.Array(AttachmentViewSchema),
});

export const TicketDetailSchema = Type.Object({
  ...TicketViewSchema.properties,
  /** The latest trail entry that changed the ticket; an act written offline sends it back as `expectedChangeId`. */
  lastChangeId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  categoryNameEn: Nullable(Type.String()),
  leadUnitName: Nullable(Type.String()),
  leadUnitNameEn: Nullable(Type.String()),
  /** 协办 units by name, in the order the dispatcher chose them. */
  supportingUnits: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()), nameEn: Nullable(Type.String()) })),
  areaName: Nullable(Type.String()),
  areaNameEn: Nullable(Type.String()),
  /** The street a grid lies in (null for a street or the district). */
  streetName: Nullable(Type.String()),
  streetNameEn: Nullable(Type.String()),
  unitNames: Type.Record(Type.String(), Type.Object({ name: Type.String(), nameEn: Type.String() })),
  /** A mailbox letter marked 复杂件 (10 working days to reply instead of 3). */
  complex: Type.Boolean(),
  trail: Type.Array(TicketEventViewSchema),
  allowedActions: Type.Array(Type.String()),
  /** Whether 查看号码 would be answered for this caller (reveal-policy.ts); false without a number. */
  mayRevealCaller: Type.Boolean(),
});

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const listTicketsSchema = {
  tags: ['tickets'],
  summary: 'Tickets in the caller’s scope, filtered and paged (newest first)',
  querystring: Type.Object({
    ...PageQuerySchema,
    /** One state, or several separated by commas (`dispatched,reopened`): a tab of two states is one request. */
    state: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-z_]+(,[a-z_]+)*$' })),
    ticketClass: Type.Optional(Type.Union([Type.Literal('police'), Type.Literal('non_police')])),
    channel: Type.Optional(Type.String({ maxLength: 16 })),
    unitId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(ListedTicketSchema) }), ...AUTH_ERRORS },
};

export const getTicketSchema = {
  tags: ['tickets'],
  summary: 'One ticket with its trail and the caller’s allowed actions (404 outside the caller’s scope)',
  params: IdParamsSchema,
  response: { 200: TicketDetailSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

export const revealCallerSchema = {
  tags: ['tickets'],
  summary: 'Reveal the caller’s full number, with a reason (audited)',
  params: IdParamsSchema,
  body: Type.Object({ reason: ReasonSchema({ minVisible: 4, maxLength: 500 }) }, { additionalProperties: false }),
  response: { 200: Type.Object({ callerNumber: Nullable(Type.String()) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const settlementSharesSchema = {
  tags: ['tickets'],
  summary: 'Where closed non-police tickets settled: grid, street, district (the 70/20/10 target)',
  querystring: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      total: Type.Integer(),
      counts: Type.Object({ grid: Type.Integer(), street: Type.Integer(), district: Type.Integer() }),
      shares: Type.Object({ grid: Nullable(Type.Number()), street: Nullable(Type.Number()), district: Nullable(Type.Number()) }),
      norms: Type.Object({ grid: Type.Number(), street: Type.Number(), district: Type.Number() }, { description: 'the 70/20/10 target shares' }),
      breakdown: Type.Object(Object.fromEntries(['grid', 'street', 'district'].map((level) => [level, Type.Object({
        onSpot: Type.Integer({ description: 'handled on the spot by a grid worker (自处)' }),
        patrol: Type.Integer({ description: 'patrol reports (巡查上报) routed and settled at this level' }),
      })]))),
    }),
    ...AUTH_ERRORS,
  },
};
