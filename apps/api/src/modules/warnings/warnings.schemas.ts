/** Schemas of the warnings' routes (warnings.routes.ts); CONTRACT.md "Warnings". */
import { Type, type Static } from 'typebox';
import { WARNING_LEVEL_VALUES, WARNING_STATE_VALUES, WARNING_TYPE_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTimeString = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const WARNING_ACTIONS = ['submit', 'approve', 'send_back', 'update', 'lift'] as const;
export type WarningAction = (typeof WARNING_ACTIONS)[number];

export const TargetsSchema = Type.Object({
  unitIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true })),
  /** Streets or grids. */
  areaIds: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true })),
  allGridMembers: Type.Optional(Type.Boolean()),
  tiers: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 3 }), { maxItems: 3, uniqueItems: true })),
}, { additionalProperties: false });
export type WarningTargets = Static<typeof TargetsSchema>;

const WarningFields = {
  level: literalUnion(WARNING_LEVEL_VALUES),
  type: literalUnion(WARNING_TYPE_VALUES),
  title: Type.String({ minLength: 1, maxLength: 200, minVisible: 1 }),
  text: Type.String({ minLength: 1, maxLength: 2000, minVisible: 1 }),
  validFrom: DateTimeString,
  validUntil: DateTimeString,
  targets: TargetsSchema,
  incidentId: Type.Optional(Nullable(Id)),
};

export const DraftWarningBodySchema = Type.Object(WarningFields, { additionalProperties: false });
export type DraftWarningBody = Static<typeof DraftWarningBodySchema>;
export const EditWarningBodySchema = Type.Object({ ...WarningFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type EditWarningBody = Static<typeof EditWarningBodySchema>;

export const WarningActionBodySchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  /** send_back and lift. */
  reason: Type.Optional(ReasonSchema({ maxLength: 500 })),
  /** update: the fields of the new revision. */
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, minVisible: 1 })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, minVisible: 1 })),
  level: Type.Optional(literalUnion(WARNING_LEVEL_VALUES)),
  validUntil: Type.Optional(DateTimeString),
}, { additionalProperties: false });
export type WarningActionBody = Static<typeof WarningActionBodySchema>;

const AckSchema = Type.Object({ total: Type.Integer(), acknowledged: Type.Integer(), rate: Nullable(Type.Number()) });

const WarningSummarySchema = Type.Object({
  id: Type.String(), code: Type.String(), level: Type.String(), type: Type.String(), title: Type.String(), state: Type.String(),
  revision: Type.Integer(), validFrom: Type.String(), validUntil: Type.String(), publishedAt: Nullable(Type.String()),
  drafter: Nullable(Named), approver: Nullable(Named), ack: AckSchema, updatedAt: Type.String(), version: Type.Integer(),
});

const RecipientSchema = Type.Object({
  id: Type.String(),
  revision: Type.Integer(),
  unit: Nullable(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), tier: Nullable(Type.Integer()) })),
  user: Nullable(Named),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedVia: Nullable(Type.String()),
  acknowledgedBy: Nullable(Named),
  remindedCount: Type.Integer(),
  calls: Type.Array(Type.Object({ id: Type.String(), attempt: Type.Integer(), outcome: Type.String(), placedAt: Type.String(), endedAt: Nullable(Type.String()) })),
});

const TrailEntrySchema = Type.Object({
  id: Type.String(), action: Type.String(), actor: Nullable(Named), reason: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()), at: Type.String(),
});

export const WarningDetailSchema = Type.Object({
  ...WarningSummarySchema.properties,
  text: Type.String(),
  targets: Type.Object({
    units: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() })),
    areas: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), level: Type.String() })),
    allGridMembers: Type.Boolean(),
    tiers: Type.Array(Type.Integer()),
  }),
  incident: Nullable(Type.Object({ id: Type.String(), code: Type.String(), title: Type.String() })),
  sentBackReason: Nullable(Type.String()),
  liftedAt: Nullable(Type.String()),
  liftReason: Nullable(Type.String()),
  recipients: Type.Array(RecipientSchema),
  trail: Type.Array(TrailEntrySchema),
  allowedActions: Type.Array(Type.String()),
});

export const MyWarningSchema = Type.Object({
  id: Type.String(), code: Type.String(), level: Type.String(), type: Type.String(), title: Type.String(), text: Type.String(),
  state: Type.String(), revision: Type.Integer(), validFrom: Type.String(), validUntil: Type.String(), publishedAt: Nullable(Type.String()),
  recipientId: Type.String(), acknowledgedAt: Nullable(Type.String()), acknowledgedVia: Nullable(Type.String()),
});

const ERRORS = { ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema };

export const listWarningsSchema = {
  tags: ['warnings'], summary: 'Warnings, newest change first; state filters (comma-separated), with the acknowledgement figures of the current revision',
  querystring: Type.Object({
    state: Type.Optional(Type.String({ pattern: `^(${WARNING_STATE_VALUES.join('|')})(,(${WARNING_STATE_VALUES.join('|')}))*$` })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(WarningSummarySchema), total: Type.Integer() }), ...AUTH_ERRORS },
};

export const getWarningSchema = {
  tags: ['warnings'], summary: 'One warning with its targets by name, recipients and their acknowledgements, the trail and what the caller may do',
  params: IdParamsSchema, response: { 200: WarningDetailSchema, ...ERRORS },
};

export const draftWarningSchema = {
  tags: ['warnings'], summary: 'Draft a warning (commander, dispatcher, shift lead)',
  body: DraftWarningBodySchema, response: { 201: WarningDetailSchema, ...ERRORS },
};

export const editWarningSchema = {
  tags: ['warnings'], summary: 'Edit a draft (a stale version answers 409 stale)',
  params: IdParamsSchema, body: EditWarningBodySchema, response: { 200: WarningDetailSchema, ...ERRORS },
};

export const actOnWarningSchema = {
  tags: ['warnings'], summary: 'submit, approve (a commander other than the drafter: publishes), send_back {reason}, update {title?, text?, level?, validUntil?} (a new revision to approve), lift {reason}',
  params: Type.Object({ id: Id, action: literalUnion(WARNING_ACTIONS) }, { additionalProperties: false }),
  body: WarningActionBodySchema, response: { 200: WarningDetailSchema, ...ERRORS },
};

export const myWarningsSchema = {
  tags: ['warnings'], summary: "Published warnings to the caller's unit or to the caller (grid workers), unacknowledged first",
  response: { 200: Type.Object({ items: Type.Array(MyWarningSchema) }), ...AUTH_ERRORS },
};

export const acknowledgeWarningSchema = {
  tags: ['warnings'], summary: "Acknowledge a published warning for the caller's unit (and the caller) in the app",
  params: IdParamsSchema, response: { 200: MyWarningSchema, ...ERRORS },
};
