import { Type } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const categoriesSchema = {
  tags: ['catalogue'],
  summary: 'The category catalogue: groups and leaves (only leaves take tickets)',
  response: {
    200: Type.Array(Type.Object({
      id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), parentId: Nullable(Type.String()),
      isLeaf: Type.Boolean(), defaultKind: Type.String(), isPolice: Type.Boolean(), level: Type.String(),
      defaultUnitId: Nullable(Type.String()), handleLimitDays: Nullable(Type.Integer()),
      requiredFields: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    })),
    ...AUTH_ERRORS,
  },
};

export const areasSchema = {
  tags: ['catalogue'],
  summary: 'The area tree: district, streets, grids',
  querystring: Type.Object({
    level: Type.Optional(Type.Union([Type.Literal('district'), Type.Literal('street'), Type.Literal('grid')])),
    parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    withBoundary: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }),
  response: {
    200: Type.Array(Type.Object({
      id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), level: Type.String(),
      parentId: Nullable(Type.String()), path: Type.String(), centroidLat: Nullable(Type.Number()), centroidLng: Nullable(Type.Number()),
      boundary: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    })),
    ...AUTH_ERRORS,
  },
};

export const unitsSchema = {
  tags: ['catalogue'],
  summary: 'Handling units: departments, street offices, grid teams and the police desk',
  querystring: Type.Object(
    {
      type: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('street_office'), Type.Literal('grid_team'), Type.Literal('police_desk')])),
      areaId: Type.Optional(Type.String({ maxLength: 64 })),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Array(Type.Object({
      id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), type: Type.String(),
      linkageTier: Type.Union([Type.Integer(), Type.Null()]), areaId: Type.String(),
    })),
    ...AUTH_ERRORS,
  },
};
