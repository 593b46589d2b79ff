/** Schemas shared by many routes. */
import { Type } from 'typebox';

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const PageQuerySchema = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

/** The same error set on every authenticated route. */
export const AUTH_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema } as const;
