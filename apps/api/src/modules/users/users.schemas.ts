import { Type } from 'typebox';
import { ROLE_VALUES } from '@yixian/domain';
import { EXPORT_LANGS } from '../../lib/export-labels.js';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema } from '../../lib/schemas.js';
import { ACCOUNT_STATES } from './account-view.js';
import { ACCOUNT_SORTS } from './list-accounts.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdList = Type.Array(Id, { maxItems: 500 });
const RoleSchema = Type.Union(ROLE_VALUES.map((role) => Type.Literal(role)));
const LangSchema = Type.Optional(Type.Union(EXPORT_LANGS.map((lang) => Type.Literal(lang)), { description: "a file's language (headers, words); default zh-CN" }));

const EditableFields = {
  displayName: Type.String({ minLength: 1, maxLength: 64, minVisible: 1 }),
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
  unitId: Type.Union([Id, Type.Null()]),
  areaId: Type.Union([Id, Type.Null()]),
  scopeAll: Type.Boolean(),
  scopeAreaIds: IdList,
  scopeUnitIds: IdList,
  scopeCategoryIds: IdList,
  extension: Type.Union([Type.String({ maxLength: 16 }), Type.Null()]),
  phone: Type.Union([Type.String({ maxLength: 32 }), Type.Null()]),
};

export const CreateAccountSchema = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), ...EditableFields }, { additionalProperties: false });
export const UpdateAccountSchema = Type.Object({ ...EditableFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const StatusBodySchema = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const AccountSchema = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), status: Type.String(),
  states: Type.Array(Type.String()), unitId: Type.Union([Type.String(), Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]),
  areaId: Type.Union([Type.String(), Type.Null()]), areaName: Type.Union([Type.String(), Type.Null()]), scopeAll: Type.Boolean(),
  scopeAreaIds: Type.Array(Type.String()), scopeUnitIds: Type.Array(Type.String()), scopeCategoryIds: Type.Array(Type.String()),
  extension: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]), mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]), lastLoginAt: Type.Union([Type.String(), Type.Null()]), hasMfa: Type.Boolean(),
  createdAt: Type.String(), version: Type.Integer(),
});

export const AccountFilterQuery = {
  q: Type.Optional(Type.String({ maxLength: 64 })),
  role: Type.Optional(RoleSchema),
  areaId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  state: Type.Optional(Type.Union(ACCOUNT_STATES.map((state) => Type.Literal(state)))),
};

const WRITE_ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema } as const;

export const listAccountsRouteSchema = {
  tags: ['users'],
  summary: 'Accounts, searched (username, name, extension, phone), filtered by role, area subtree, unit and state, sorted and paginated; a unit liaison sees its unit',
  querystring: Type.Object({
    ...AccountFilterQuery, ...PageQuerySchema,
    sort: Type.Optional(Type.Union(ACCOUNT_SORTS.map((sort) => Type.Literal(sort)), { default: 'username' })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(AccountSchema) }), ...AUTH_ERRORS },
};

export const getAccountRouteSchema = {
  tags: ['users'], summary: 'One account (without secrets)', params: IdParamsSchema,
  response: { 200: AccountSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

export const createAccountRouteSchema = {
  tags: ['users'],
  summary: 'Create an account; the answer holds its one-time password, once (it must be changed at the first sign-in)',
  body: CreateAccountSchema,
  response: { 201: Type.Object({ account: AccountSchema, oneTimePassword: Type.String() }), ...WRITE_ERRORS },
};

export const updateAccountRouteSchema = {
  tags: ['users'],
  summary: 'Edit an account from the version the editor started at (409 with what changed when stale)',
  params: IdParamsSchema, body: UpdateAccountSchema,
  response: { 200: AccountSchema, ...WRITE_ERRORS },
};

export const setAccountStatusRouteSchema = {
  tags: ['users'],
  summary: 'Disable (ends its sessions; history keeps the name) or enable an account',
  params: IdParamsSchema, body: Type.Optional(StatusBodySchema),
  response: { 200: Type.Object({ account: AccountSchema, sessionsEnded: Type.Integer() }), ...WRITE_ERRORS },
};

export const exportAccountsRouteSchema = {
  tags: ['users'], summary: 'The accounts as XLSX, filtered and scoped like the list (audited)',
  querystring: Type.Object({ ...AccountFilterQuery, lang: LangSchema }, { additionalProperties: false }),
  response: { ...AUTH_ERRORS },
};

export const importTemplateRouteSchema = {
  tags: ['users'], summary: 'The accounts import template (XLSX): worded headers, an example row, and a sheet of valid roles, units and areas',
  querystring: Type.Object({ lang: LangSchema }, { additionalProperties: false }),
  response: { ...AUTH_ERRORS },
};

const ImportErrorSchema = Type.Object({
  row: Type.Integer(), column: Type.String(), columnKey: Type.String(), code: Type.String(), message: Type.String(), value: Type.Optional(Type.String()),
});

export const importAccountsRouteSchema = {
  tags: ['users'],
  summary: 'Import accounts from an XLSX (body: the file, content type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). dryRun=true reports every row\'s problems and writes nothing; otherwise a clean file is imported in one transaction and the answer holds the one-time passwords, once',
  querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      dryRun: Type.Boolean(), rows: Type.Integer(), valid: Type.Integer(), errors: Type.Array(ImportErrorSchema),
      summary: Type.Optional(Type.Object({ created: Type.Integer(), byRole: Type.Record(Type.String(), Type.Integer()) })),
      passwords: Type.Optional(Type.Object({ fileName: Type.String(), contentType: Type.String(), data: Type.String() })),
    }),
    ...AUTH_ERRORS, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema,
  },
};

export const resetPasswordRouteSchema = {
  tags: ['users'],
  summary: 'Give an account a one-time password (shown once): it is unlocked, its sessions end, and it must change the password at sign-in',
  params: IdParamsSchema,
  response: {
    200: Type.Object({ username: Type.String(), oneTimePassword: Type.String() }),
    ...AUTH_ERRORS,
    404: ErrorSchema,
  },
};

export const unlockUserRouteSchema = {
  tags: ['users'],
  summary: 'Lift an account\'s lockout after failed sign-ins',
  params: IdParamsSchema,
  response: { 204: Type.Null(), ...AUTH_ERRORS, 404: ErrorSchema },
};
