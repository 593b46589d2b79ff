/** Schemas of the category tree's administration (category-admin.routes.ts). */
import { Type, type Static } from 'typebox';
import { CATEGORY_LEVEL_VALUES, CATEGORY_LIMIT_BOUNDS, LIMIT_UNITS, TICKET_KIND_VALUES, type LimitUnit } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const LimitSchema = Type.Object({
  amount: Type.Number({ minimum: 0.5, maximum: Math.max(CATEGORY_LIMIT_BOUNDS.days, CATEGORY_LIMIT_BOUNDS.hours) }),
  unit: oneOf<LimitUnit>(Object.values(LIMIT_UNITS)),
}, { additionalProperties: false });

/** One extra intake field of a category; `options` only (and required) for `select`. */
export const RequiredFieldSchema = Type.Object({
  key: Type.String({ pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' }),
  label: Type.String({ minLength: 1, maxLength: 40, minVisible: 1 }),
  labelEn: Type.String({ minLength: 1, maxLength: 60, minVisible: 1 }),
  type: oneOf(['text', 'number', 'date', 'select'] as const),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40, minVisible: 1 }), { minItems: 1, maxItems: 30 })),
  required: Type.Boolean(),
}, { additionalProperties: false });
export type RequiredFieldInput = Static<typeof RequiredFieldSchema>;

const editable = {
  name: Type.String({ minLength: 1, maxLength: 40, minVisible: 1 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80, minVisible: 1 }),
  parentId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  isPolice: Type.Boolean(),
  defaultKind: oneOf(TICKET_KIND_VALUES),
  level: oneOf(CATEGORY_LEVEL_VALUES),
  defaultUnitId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
  signLimit: Nullable(LimitSchema),
  handleLimit: Nullable(LimitSchema),
  extensionLimitDays: Nullable(Type.Integer({ minimum: 1, maximum: CATEGORY_LIMIT_BOUNDS.extensionDays })),
  requiredFields: Type.Array(RequiredFieldSchema, { maxItems: 20 }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 20, minVisible: 1 }), { maxItems: 50 }),
  /** 现场核查: another unit's reply on a ticket of a grid waits for the grid worker's on-site check. Default false. */
  verifyOnSite: Type.Optional(Type.Boolean()),
};

export const CreateCategorySchema = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$', maxLength: 64 }),
  ...editable,
}, { additionalProperties: false });
export type CreateCategoryBody = Static<typeof CreateCategorySchema>;

export const UpdateCategorySchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  /** true: answer what the change would re-plan, write nothing. */
  dryRun: Type.Optional(Type.Boolean()),
  ...Object.fromEntries(Object.entries(editable).map(([key, schema]) => [key, Type.Optional(schema)])) as {
    [K in keyof typeof editable]: ReturnType<typeof Type.Optional<(typeof editable)[K]>>
  },
}, { additionalProperties: false });
export type UpdateCategoryBody = Static<typeof UpdateCategorySchema>;

export const VersionBodySchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const AdminCategorySchema = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), nameEn: Type.String(), parentId: Nullable(Type.String()),
  isLeaf: Type.Boolean(), isPolice: Type.Boolean(), defaultKind: Type.String(), level: Type.String(),
  defaultUnitId: Nullable(Type.String()), defaultUnitName: Nullable(Type.String()),
  signLimit: Nullable(LimitSchema), handleLimit: Nullable(LimitSchema), extensionLimitDays: Nullable(Type.Integer()),
  requiredFields: Type.Array(Type.Record(Type.String(), Type.Unknown())), keywords: Type.Array(Type.String()), verifyOnSite: Type.Boolean(),
  active: Type.Boolean(), version: Type.Integer(), openTickets: Type.Integer(),
});

const DueSchema = Type.Object({ signDueAt: Nullable(Type.String()), handleDueAt: Nullable(Type.String()), followUpDueAt: Nullable(Type.String()) });
export const ReplanPreviewSchema = Type.Object({
  count: Type.Integer(),
  sample: Type.Array(Type.Object({
    ticketId: Type.String(), code: Type.String(), categoryId: Type.String(), categoryName: Type.String(), state: Type.String(),
    before: DueSchema, after: DueSchema,
  })),
});

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema } as const;

export const listCategoriesSchema = {
  tags: ['admin'], summary: 'The whole category tree, inactive categories included, with limits and open-ticket counts',
  response: { 200: Type.Array(AdminCategorySchema), ...AUTH_ERRORS },
};
export const createCategorySchema = {
  tags: ['admin'], summary: 'Add a group or a leaf to the category tree', body: CreateCategorySchema,
  response: { 200: AdminCategorySchema, ...WRITE_ERRORS },
};
export const updateCategorySchema = {
  tags: ['admin'], summary: 'Edit a category (optimistic: name the version); `dryRun` previews the open tickets re-planned',
  params: IdParamsSchema, body: UpdateCategorySchema,
  response: { 200: Type.Object({ category: Nullable(AdminCategorySchema), replanned: ReplanPreviewSchema, dryRun: Type.Boolean() }), ...WRITE_ERRORS },
};
export const toggleCategorySchema = {
  tags: ['admin'], summary: 'Disable or enable a category: open tickets keep it; a disabled one is not offered at intake',
  params: IdParamsSchema, body: VersionBodySchema,
  response: { 200: AdminCategorySchema, ...WRITE_ERRORS },
};
