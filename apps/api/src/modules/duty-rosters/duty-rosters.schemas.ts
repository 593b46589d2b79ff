/** Duty shifts, the XLSX import, who is on duty now and the tier-1 gaps (CONTRACT.md, "Duty rosters"). */
import { Type } from 'typebox';
import { DUTY_ROLE_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';
import { EXPORT_LANGS } from '../../lib/export-labels.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Time = Type.String({ format: 'date-time' });
const UnitRef = Type.Object({ id: Type.String(), name: Type.String(), tier: Nullable(Type.Integer()) });

export const ShiftSchema = Type.Object({
  id: Type.String(), unit: UnitRef, role: Type.String(), user: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  personName: Type.String(), phone: Type.String(), startsAt: Type.String(), endsAt: Type.String(), version: Type.Integer(),
});

/** Role, name and phone are checked by the service so their errors say what is allowed. */
const ShiftFields = {
  unitId: Id,
  role: Type.String({ maxLength: 32 }),
  userId: Type.Optional(Nullable(Id)),
  personName: Type.String({ maxLength: 100 }),
  phone: Type.String({ maxLength: 40 }),
  startsAt: Time,
  endsAt: Time,
};

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const listShiftsSchema = {
  tags: ['duty'],
  summary: 'Duty shifts overlapping [from, to) (default: the last day and the next 7), by unit and role; a unit\'s users see their own unit only',
  querystring: Type.Object({
    unitId: Type.Optional(Id), role: Type.Optional(Type.Union(DUTY_ROLE_VALUES.map((value) => Type.Literal(value)))),
    from: Type.Optional(Time), to: Type.Optional(Time),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(ShiftSchema) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const createShiftSchema = {
  tags: ['duty'],
  summary: 'Add a shift (audited); one overlapping a shift of the same unit and role is refused (409, details.reason overlap, naming it)',
  body: Type.Object(ShiftFields, { additionalProperties: false }),
  response: { 201: ShiftSchema, ...WRITE_ERRORS },
};

export const updateShiftSchema = {
  tags: ['duty'],
  summary: 'Edit a shift from the version read (409 stale / overlap)',
  params: IdParamsSchema,
  body: Type.Object({ ...ShiftFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  response: { 200: ShiftSchema, ...WRITE_ERRORS },
};

export const deleteShiftSchema = {
  tags: ['duty'],
  summary: 'Delete a shift (audited); with `version`, only that version',
  params: IdParamsSchema,
  querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
  response: { 204: Type.Null(), ...WRITE_ERRORS },
};

export const revealShiftPhoneSchema = {
  tags: ['duty'],
  summary: 'The full phone of one shift, for a caller who sees it masked, with a reason (audited)',
  params: IdParamsSchema,
  body: Type.Object({ reason: ReasonSchema({ maxLength: 200 }) }, { additionalProperties: false }),
  response: { 200: Type.Object({ phone: Type.String() }), ...AUTH_ERRORS, 404: ErrorSchema },
};

export const importShiftsSchema = {
  tags: ['duty'],
  summary: 'Import shifts from one XLSX (multipart, one file part): all rows or none; errors name the row and the column; dryRun=1 checks only',
  querystring: Type.Object({ dryRun: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      dryRun: Type.Boolean(), rows: Type.Integer(), created: Type.Integer(),
      errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
    }),
    ...AUTH_ERRORS, 409: ErrorSchema, 413: ErrorSchema,
  },
};

export const rosterTemplateSchema = {
  tags: ['duty'],
  summary: 'The import template (XLSX), with the unit codes the caller may import',
  querystring: Type.Object({ lang: Type.Optional(Type.Union(EXPORT_LANGS.map((lang) => Type.Literal(lang)))) }, { additionalProperties: false }),
  response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX' }), ...AUTH_ERRORS },
};

const Person = Nullable(Type.Object({ shiftId: Type.String(), name: Type.String(), phone: Type.String(), until: Type.String() }));

export const dutyNowSchema = {
  tags: ['duty'],
  summary: 'Who is on duty now (on duty, deputy, leader) in every active linkage unit; gap marks a tier-1 unit with nobody on duty',
  response: {
    200: Type.Object({ at: Type.String(), items: Type.Array(Type.Object({ unit: UnitRef, onDuty: Person, deputy: Person, leader: Person, gap: Type.Boolean() })) }),
    ...AUTH_ERRORS,
  },
};

export const dutyGapsSchema = {
  tags: ['duty'],
  summary: 'Stretches of the next `hours` (default 24) with nobody on duty in a tier-1 unit; a running gap starts where the last shift ended',
  querystring: Type.Object({ hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 14 })) }, { additionalProperties: false }),
  response: {
    200: Type.Object({ items: Type.Array(Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String() }), from: Type.String(), to: Type.String(), current: Type.Boolean() })) }),
    ...AUTH_ERRORS,
  },
};
