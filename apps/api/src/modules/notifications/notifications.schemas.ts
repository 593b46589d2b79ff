import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const NotificationViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  ticketId: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

export const listNotificationsSchema = {
  tags: ['notifications'],
  summary: 'The caller’s inbox: their own and their unit’s notifications, newest first, with the unread count',
  querystring: Type.Object({ ...PageQuerySchema, unreadOnly: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), unread: Type.Integer(), items: Type.Array(NotificationViewSchema) }), ...AUTH_ERRORS },
};

export const readNotificationSchema = {
  tags: ['notifications'],
  summary: 'Mark one inbox entry read (404 when it is not the caller’s or their unit’s)',
  params: IdParamsSchema,
  response: { 200: NotificationViewSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};
