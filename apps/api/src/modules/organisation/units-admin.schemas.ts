import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

const UnitViewSchema = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), type: Type.String(), level: Type.String(),
  parentId: Nullable(Type.String()), linkageTier: Nullable(Type.Integer()), dutyPhone: Nullable(Type.String()), areaId: Type.String(),
  active: Type.Boolean(), version: Type.Integer(), categoryIds: Type.Array(Type.String()),
});

const UnitRowSchema = Type.Intersect([UnitViewSchema, Type.Object({
  parentName: Nullable(Type.String()), parentNameEn: Nullable(Type.String()), areaName: Type.String(), areaNameEn: Type.String(),
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() })),
})]);

/** Type, tier and phone are checked by the service so their errors can say what is allowed. */
const UnitFields = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ maxLength: 200 }),
  type: Type.String({ maxLength: 32 }),
  parentId: Nullable(Id),
  linkageTier: Nullable(Type.Integer()),
  dutyPhone: Nullable(Type.String({ maxLength: 40 })),
  areaId: Id,
  categoryIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true })),
};

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const listUnitsSchema = {
  tags: ['organisation'],
  summary: 'Every unit, disabled ones too, with parent, area and handled categories by name',
  response: { 200: Type.Array(UnitRowSchema), ...AUTH_ERRORS },
};

export const createUnitSchema = {
  tags: ['organisation'],
  summary: 'Create a unit (audited); the categories listed are moved to it',
  body: Type.Object(UnitFields, { additionalProperties: false }),
  response: { 201: UnitViewSchema, ...WRITE_ERRORS },
};

export const updateUnitSchema = {
  tags: ['organisation'],
  summary: 'Edit a unit from the version read (409 when someone saved in between)',
  params: IdParamsSchema,
  body: Type.Object({ ...UnitFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  response: { 200: UnitViewSchema, ...WRITE_ERRORS },
};

export const toggleUnitSchema = {
  tags: ['organisation'],
  summary: 'Disable or enable a unit; disabling one still in use asks for `confirm` (409 confirmation_required with the counts)',
  params: IdParamsSchema,
  body: Type.Object({
    version: Type.Integer({ minimum: 1 }),
    confirm: Type.Optional(Type.Boolean()),
    reason: Type.Optional(ReasonSchema({ maxLength: 500 })),
  }, { additionalProperties: false }),
  response: { 200: UnitViewSchema, ...WRITE_ERRORS },
};
