import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema } from '../../lib/schemas.js';

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
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const listTicketsSchema = {
  tags: ['tickets'],
  summary: 'Tickets in the caller’s scope',
  querystring: Type.Object({ ...PageQuerySchema, state: Type.Optional(Type.String({ maxLength: 32 })) }, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(TicketViewSchema) }), ...AUTH_ERRORS },
};

export const getTicketSchema = {
  tags: ['tickets'],
  summary: 'One ticket (404 outside the caller’s scope)',
  params: IdParamsSchema,
  response: { 200: TicketViewSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

export const revealCallerSchema = {
  tags: ['tickets'],
  summary: 'Reveal the caller’s full number, with a reason (audited)',
  params: IdParamsSchema,
  body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) }, { additionalProperties: false }),
  response: { 200: Type.Object({ callerNumber: Nullable(Type.String()) }), ...AUTH_ERRORS, 404: ErrorSchema },
};
