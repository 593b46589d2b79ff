/** HTTP schemas of the assessment module: the shape here, the meaning in scheme-rules.ts. */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Rule = Type.Record(Type.String(), Type.Unknown());
const IndicatorItem = Type.Object({
  indicator: Type.String({ minLength: 1, maxLength: 64 }),
  weight: Type.Number(),
  rule: Rule,
}, { additionalProperties: false });
const IndicatorList = Type.Array(IndicatorItem, { maxItems: 20 });
const RulesBody = Type.Object({
  department: Type.Optional(IndicatorList),
  street_office: Type.Optional(IndicatorList),
  grid_team: Type.Optional(IndicatorList),
}, { additionalProperties: false });
const RulesView = Type.Record(Type.String(), Type.Array(Type.Object({ indicator: Type.String(), weight: Type.Number(), rule: Rule })));

const Name = Type.String({ minLength: 1, maxLength: 120 });
const SchemeView = Type.Object({
  id: Type.String(), name: Type.String(), nameEn: Type.String(), description: Type.String(), latestVersion: Type.Integer(),
  createdAt: Type.String(), updatedAt: Type.String(),
  versions: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), note: Type.String(), createdAt: Type.String(), rules: RulesView })),
});
const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const listSchemesSchema = { tags: ['assessment'], summary: 'Assessment schemes with every version', response: { 200: Type.Array(SchemeView), ...AUTH_ERRORS } };
export const getSchemeSchema = { tags: ['assessment'], summary: 'One scheme with every version', params: IdParamsSchema, response: { 200: SchemeView, ...WRITE_ERRORS } };
export const createSchemeSchema = {
  tags: ['assessment'], summary: 'A new scheme (version 1); weights per unit type must sum to 100',
  body: Type.Object({
    name: Name, nameEn: Type.Optional(Type.String({ maxLength: 120 })), description: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 500 })), rules: RulesBody,
  }, { additionalProperties: false }),
  response: { 201: SchemeView, ...AUTH_ERRORS },
};
export const editSchemeSchema = {
  tags: ['assessment'], summary: 'Edit a scheme: adds a version; old versions and runs stay',
  params: IdParamsSchema,
  body: Type.Object({
    name: Type.Optional(Name), nameEn: Type.Optional(Type.String({ maxLength: 120 })), description: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 500 })), rules: RulesBody,
  }, { additionalProperties: false }),
  response: { 200: SchemeView, ...WRITE_ERRORS },
};

const PeriodView = Type.Object({ kind: Type.String(), year: Type.Integer(), number: Nullable(Type.Integer()), from: Type.String(), to: Type.String() });
const RunHeader = {
  id: Type.String(), schemeId: Type.String(), schemeName: Type.String(), schemeNameEn: Type.String(), schemeVersionId: Type.String(),
  schemeVersion: Type.Integer(), period: PeriodView, status: Type.String(), computedAt: Type.String(), publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
};
const IndicatorScoreView = Type.Object({
  indicator: Type.String(), weight: Type.Number(), numerator: Type.Integer(), denominator: Type.Integer(), value: Nullable(Type.Number()),
  points: Nullable(Type.Number({ description: 'null: no data, left out of the score' })),
  noData: Type.Boolean({ description: 'a rate with no data (denominator 0)' }),
});
const RunDetailView = Type.Object({
  ...RunHeader,
  groups: Type.Array(Type.Object({
    unitType: Type.String(),
    indicators: Type.Array(Type.Object({ indicator: Type.String(), weight: Type.Number(), rule: Rule })),
    units: Type.Array(Type.Object({
      unitId: Type.String(), unitCode: Type.String(), unitName: Type.String(), unitNameEn: Type.String(),
      score: Nullable(Type.Number({ description: 'null: no data (无数据), not ranked' })), rank: Nullable(Type.Integer()),
      indicators: Type.Array(IndicatorScoreView),
    })),
    red: Type.Array(Type.String(), { description: 'unit ids, best first (红榜)' }),
    black: Type.Array(Type.String(), { description: 'unit ids, worst first (黑榜)' }),
  })),
});

export const listRunsSchema = {
  tags: ['assessment'], summary: 'Assessment runs, newest first',
  querystring: Type.Object(PageQuerySchema, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(Type.Object(RunHeader)) }), ...AUTH_ERRORS },
};
export const createRunSchema = {
  tags: ['assessment'], summary: 'One click (一键考核): score every unit for a period and rank them',
  body: Type.Object({
    schemeId: Type.String({ minLength: 1, maxLength: 64 }),
    schemeVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    period: Type.Object({
      kind: Type.Union([Type.Literal('month'), Type.Literal('half_year'), Type.Literal('year')]),
      year: Type.Integer(), month: Type.Optional(Type.Integer()), half: Type.Optional(Type.Integer()),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  response: { 201: RunDetailView, ...WRITE_ERRORS },
};
export const getRunSchema = {
  tags: ['assessment'], summary: 'One run ranked per unit type, with the red and black lists; ?format=xlsx|csv exports it',
  params: IdParamsSchema,
  querystring: Type.Object({
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx'), Type.Literal('csv')])),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  }, { additionalProperties: false }),
  response: { 200: RunDetailView, ...WRITE_ERRORS },
};
export const runActionSchema = (summary: string) => ({
  tags: ['assessment'], summary, params: IdParamsSchema, response: { 200: RunDetailView, ...WRITE_ERRORS },
});
export const deleteRunSchema = {
  tags: ['assessment'], summary: 'Delete a draft run (a published run is final)', params: IdParamsSchema,
  response: { 204: Type.Null(), ...WRITE_ERRORS },
};
export const drillDownSchema = {
  tags: ['assessment'], summary: 'The tickets behind one indicator of one unit in a run',
  params: Type.Object({
    id: Type.String({ minLength: 1, maxLength: 64 }), unitId: Type.String({ minLength: 1, maxLength: 64 }), indicator: Type.String({ minLength: 1, maxLength: 64 }),
  }, { additionalProperties: false }),
  querystring: Type.Object({ ...PageQuerySchema, pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      runId: Type.String(), unitId: Type.String(), indicator: Type.String(),
      stored: Type.Object({ numerator: Type.Integer(), denominator: Type.Integer(), value: Nullable(Type.Number()), points: Nullable(Type.Number()) }),
      current: Type.Object({ numerator: Type.Integer(), denominator: Type.Integer(), value: Nullable(Type.Number()) }),
      matchesRun: Type.Boolean(),
      numeratorIds: Type.Array(Type.String()), denominatorIds: Type.Array(Type.String()),
      page: Type.Integer(), pageSize: Type.Integer(), total: Type.Integer(), hiddenOnPage: Type.Integer(),
      tickets: Type.Array(Type.Object({
        id: Type.String(), code: Type.String(), title: Nullable(Type.String()), confidential: Type.Boolean(), state: Type.String(), kind: Type.String(),
        channel: Type.String(), categoryId: Type.String(), categoryName: Type.String(), categoryNameEn: Type.String(),
        unitName: Nullable(Type.String()), unitNameEn: Nullable(Type.String()), createdAt: Type.String(), dispatchedAt: Nullable(Type.String()), signedAt: Nullable(Type.String()),
        handleDueAt: Nullable(Type.String()), repliedAt: Nullable(Type.String()), extensionCount: Type.Integer(), verdict: Nullable(Type.String()),
        inNumerator: Type.Boolean(), inDenominator: Type.Boolean(),
      })),
      records: Type.Optional(Type.Array(Type.Object({
        id: Type.String(), kind: Type.String(), code: Type.String(), title: Type.String(), at: Type.String(), settledAt: Nullable(Type.String()),
        inNumerator: Type.Boolean(), inDenominator: Type.Boolean(),
      }), { description: 'for an emergency indicator: the activations, tasks or warning recipients behind it' })),
    }),
    ...WRITE_ERRORS,
  },
};
