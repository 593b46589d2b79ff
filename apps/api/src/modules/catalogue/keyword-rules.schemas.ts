/** Schemas of the keyword rules' administration (keyword-rules.routes.ts). */
import { Type, type Static } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';
import { VersionBodySchema } from './category-admin.schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const TicketClass = Type.Union([Type.Literal('police'), Type.Literal('non_police')]);

const editable = {
  keyword: Type.String({ minLength: 1, maxLength: 40, minVisible: 1 }),
  ticketClass: TicketClass,
  /** null: the rule applies to every category. */
  categoryId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  priority: Type.Integer({ minimum: -1000, maximum: 1000 }),
};

export const CreateRuleSchema = Type.Object(editable, { additionalProperties: false });
export type CreateRuleBody = Static<typeof CreateRuleSchema>;
export const UpdateRuleSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  keyword: Type.Optional(editable.keyword), ticketClass: Type.Optional(TicketClass),
  categoryId: Type.Optional(editable.categoryId), priority: Type.Optional(editable.priority),
}, { additionalProperties: false });
export type UpdateRuleBody = Static<typeof UpdateRuleSchema>;

export const RuleSchema = Type.Object({
  id: Type.String(), keyword: Type.String(), ticketClass: Type.String(), categoryId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()), priority: Type.Integer(), active: Type.Boolean(), version: Type.Integer(),
});

export const TryRuleSchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 2000, minVisible: 1 }),
  categoryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  hotlineId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
}, { additionalProperties: false });
export type TryRuleBody = Static<typeof TryRuleSchema>;

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema } as const;

export const listRulesSchema = {
  tags: ['admin'], summary: 'Every keyword rule of classification, disabled ones included, in the order they are heeded',
  response: { 200: Type.Array(RuleSchema), ...AUTH_ERRORS },
};
export const createRuleSchema = { tags: ['admin'], summary: 'Add a keyword rule', body: CreateRuleSchema, response: { 200: RuleSchema, ...WRITE_ERRORS } };
export const updateRuleSchema = {
  tags: ['admin'], summary: 'Edit a keyword rule (optimistic: name the version)', params: IdParamsSchema, body: UpdateRuleSchema,
  response: { 200: RuleSchema, ...WRITE_ERRORS },
};
export const toggleRuleSchema = {
  tags: ['admin'], summary: 'Disable or enable a keyword rule', params: IdParamsSchema, body: VersionBodySchema,
  response: { 200: RuleSchema, ...WRITE_ERRORS },
};
export const tryRulesSchema = {
  tags: ['admin'], summary: 'Classify a sample text as intake would (same decideClass, active rules), naming the rule that decided',
  body: TryRuleSchema,
  response: {
    200: Type.Object({
      ticketClass: TicketClass, source: Type.String(), keyword: Nullable(Type.String()),
      rule: Nullable(RuleSchema), matches: Type.Array(RuleSchema),
    }),
    ...AUTH_ERRORS, 404: ErrorSchema,
  },
};
