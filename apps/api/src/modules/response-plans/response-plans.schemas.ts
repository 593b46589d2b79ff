/** HTTP schemas of the response plans: the shape here, the meaning in plan-rules.ts (which names the bad path). */
import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Rules = Type.Record(Type.String(), Type.Unknown(), { description: 'reporting, retry, entries: see CONTRACT.md; checked by plan-rules.ts' });
const PlanView = Type.Object({
  id: Type.String(), name: Type.String(), nameEn: Type.String(), active: Type.Boolean(), latestVersion: Type.Integer(), updatedAt: Type.String(),
  version: Type.Integer({ description: 'the version whose rules are shown' }),
  versions: Type.Array(Type.Object({
    version: Type.Integer(), note: Type.String(), createdAt: Type.String(), createdBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  })),
  rules: Rules,
});
const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };
const Note = Type.String({ maxLength: 500 });

export const listPlansSchema = {
  tags: ['response-plans'], summary: 'Response plans (应急预案)',
  response: {
    200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), active: Type.Boolean(), latestVersion: Type.Integer(), updatedAt: Type.String() })) }),
    ...AUTH_ERRORS,
  },
};
export const getPlanSchema = {
  tags: ['response-plans'], summary: 'One plan with its versions and the rules of the latest (or `version`)',
  params: IdParamsSchema,
  querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }, { additionalProperties: false }),
  response: { 200: PlanView, ...WRITE_ERRORS },
};
export const createPlanSchema = {
  tags: ['response-plans'], summary: 'A new plan (version 1)',
  body: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 120, minVisible: 1 }), nameEn: Type.Optional(Type.String({ maxLength: 120 })), rules: Rules, note: Type.Optional(Note),
  }, { additionalProperties: false }),
  response: { 201: PlanView, ...WRITE_ERRORS },
};
export const editPlanSchema = {
  tags: ['response-plans'], summary: 'A new version of the plan’s rules (stale `latestVersion` → 409)',
  params: IdParamsSchema,
  body: Type.Object({ rules: Rules, note: Type.Optional(Note), latestVersion: Type.Integer({ minimum: 1, maximum: 100000 }) }, { additionalProperties: false }),
  response: { 200: PlanView, ...WRITE_ERRORS },
};
export const setActiveSchema = {
  tags: ['response-plans'], summary: 'Turn a plan on or off (an inactive plan is never applied)',
  params: IdParamsSchema,
  body: Type.Object({ active: Type.Boolean() }, { additionalProperties: false }),
  response: { 200: PlanView, ...WRITE_ERRORS },
};
