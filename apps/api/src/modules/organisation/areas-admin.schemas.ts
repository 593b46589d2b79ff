import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Geometry = Type.Record(Type.String(), Type.Unknown());

const AreaFields = {
  id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), level: Type.String(), parentId: Nullable(Type.String()),
  path: Type.String(), centroidLat: Nullable(Type.Number()), centroidLng: Nullable(Type.Number()), version: Type.Integer(),
};
/** A GeoJSON Polygon or MultiPolygon, or null. */
const AreaWithBoundary = Type.Object({ ...AreaFields, boundary: Type.Unknown() });

const ProblemSchema = Type.Object({
  code: Nullable(Type.String()), feature: Type.Optional(Type.Integer()), problem: Type.String(), message: Type.String(),
  with: Type.Optional(Type.String()), squareMetres: Type.Optional(Type.Number()), share: Type.Optional(Type.Number()),
  ring: Type.Optional(Type.Integer()), at: Type.Optional(Type.Array(Type.Number())),
});

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };
/** A district's boundary file may be large: real grid polygons run to thousands of points. */
export const BOUNDARY_BODY_LIMIT = 20 * 1024 * 1024;

export const listAreaTreeSchema = {
  tags: ['organisation'],
  summary: 'The area tree (district → streets → grids) in path order, without polygons',
  response: {
    200: Type.Array(Type.Object({ ...AreaFields, hasBoundary: Type.Boolean(), childCount: Type.Integer() })),
    ...AUTH_ERRORS,
  },
};

export const getAreaSchema = {
  tags: ['organisation'],
  summary: 'One area with its boundary, its parent\'s and its children\'s (for the map)',
  params: IdParamsSchema,
  response: { 200: Type.Object({ area: AreaWithBoundary, parent: Nullable(AreaWithBoundary), children: Type.Array(AreaWithBoundary) }), ...AUTH_ERRORS, 404: ErrorSchema },
};

const EditableFields = {
  code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ maxLength: 200 }),
  parentId: Nullable(Id),
};

export const createAreaSchema = {
  tags: ['organisation'],
  summary: 'Create an area (a boundary is optional; it is checked against its parent and siblings)',
  body: Type.Object({
    ...EditableFields,
    level: Type.Union([Type.Literal('district'), Type.Literal('street'), Type.Literal('grid')]),
    boundary: Type.Optional(Nullable(Geometry)),
  }, { additionalProperties: false }),
  response: { 201: AreaWithBoundary, ...WRITE_ERRORS },
};

export const updateAreaSchema = {
  tags: ['organisation'],
  summary: 'Edit an area\'s code, names or parent from the version read (a move carries its subtree and tickets)',
  params: IdParamsSchema,
  body: Type.Object({ ...EditableFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  response: { 200: AreaWithBoundary, ...WRITE_ERRORS },
};

export const replaceBoundarySchema = {
  tags: ['organisation'],
  summary: 'Replace one area\'s boundary (GeoJSON Polygon or MultiPolygon), checked against its parent, children and siblings',
  params: IdParamsSchema,
  body: Type.Object({ version: Type.Integer({ minimum: 1 }), boundary: Geometry }, { additionalProperties: false }),
  response: { 200: AreaWithBoundary, ...WRITE_ERRORS },
};

export const importBoundariesSchema = {
  tags: ['organisation'],
  summary: 'Import area boundaries from a GeoJSON FeatureCollection (properties: code, and name, nameEn, level, parentCode); dryRun reports and writes nothing',
  querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
  body: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Unknown(),
      properties: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    }), { minItems: 1, maxItems: 5000 }),
  }),
  response: {
    200: Type.Object({
      dryRun: Type.Boolean(), applied: Type.Boolean(), features: Type.Integer(),
      created: Type.Array(Type.String()), updated: Type.Array(Type.String()), problems: Type.Array(ProblemSchema),
    }),
    ...WRITE_ERRORS,
  },
};
