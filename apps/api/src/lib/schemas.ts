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

/**
 * Why someone did something (a reveal, a return, a reopening): free text that must hold at
 * least `minVisible` visible characters, so spaces, zero-width or control characters alone are
 * no reason. `minVisible` is checked by the validator's keyword of that name (lib/validator.ts).
 */
export function ReasonSchema({ minVisible = 1, maxLength }: { minVisible?: number; maxLength: number }) {
  return Type.String({ minLength: minVisible, maxLength, minVisible });
}

/** Bounds of a ticket's free `fields` (a category's extra data): keys, key length, value size. */
export const FIELDS_LIMITS = { keys: 50, keyLength: 64, valueLength: 500 } as const;

export const FieldsSchema = Type.Record(
  Type.String(),
  Type.Union([Type.String({ maxLength: FIELDS_LIMITS.valueLength }), Type.Number(), Type.Boolean()]),
  { maxProperties: FIELDS_LIMITS.keys, propertyNames: { minLength: 1, maxLength: FIELDS_LIMITS.keyLength } },
);
