/** Request and response shapes of the hotline routes (the public list and the administration). */
import { Type, type Static } from 'typebox';
import { HOTLINE_HOURS, WHEN_CLOSED, listEnumValues } from '@yixian/domain';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const HotlineSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  isPolice: Type.Boolean(),
  priority: Type.Integer(),
});

/** A hotline as the administrator edits it. */
export const AdminHotlineSchema = Type.Object({
  ...HotlineSchema.properties,
  hours: literals(listEnumValues(HOTLINE_HOURS)),
  whenClosed: literals(listEnumValues(WHEN_CLOSED)),
  forwardTo: Nullable(Type.String()),
  active: Type.Boolean(),
  version: Type.Integer(),
});

const fields = {
  number: Type.String({ pattern: '^[1-9][0-9]{2,7}$', description: '3 to 8 digits, not starting with 0' }),
  name: Type.String({ minLength: 1, maxLength: 40, minVisible: 1 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80, minVisible: 1 }),
  isPolice: Type.Boolean(),
  priority: Type.Integer({ minimum: 0, maximum: 100 }),
  hours: literals(listEnumValues(HOTLINE_HOURS)),
  whenClosed: literals(listEnumValues(WHEN_CLOSED)),
  forwardTo: Nullable(Type.String({ pattern: '^[1-9][0-9]{2,7}$' })),
};

export const CreateHotlineSchema = Type.Object(
  { ...fields, isPolice: Type.Optional(fields.isPolice), priority: Type.Optional(fields.priority), whenClosed: Type.Optional(fields.whenClosed), forwardTo: Type.Optional(fields.forwardTo) },
  { additionalProperties: false },
);
export type CreateHotline = Static<typeof CreateHotlineSchema>;

export const UpdateHotlineSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    number: Type.Optional(fields.number), name: Type.Optional(fields.name), nameEn: Type.Optional(fields.nameEn),
    isPolice: Type.Optional(fields.isPolice), priority: Type.Optional(fields.priority), hours: Type.Optional(fields.hours),
    whenClosed: Type.Optional(fields.whenClosed), forwardTo: Type.Optional(fields.forwardTo),
  },
  { additionalProperties: false },
);
export type UpdateHotline = Static<typeof UpdateHotlineSchema>;

export const VersionBodySchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** Whether the PBX has the configuration the database has now. */
export const PbxSyncStatusSchema = Type.Object({
  /** Digest of what the PBX should have now. */
  wanted: Type.String(),
  /** What the bridge last applied (null: never). */
  applied: Nullable(Type.String()),
  upToDate: Type.Boolean(),
  appliedAt: Nullable(Type.String()),
  error: Nullable(Type.String()),
  failedAt: Nullable(Type.String()),
  bridgeConnected: Type.Boolean(),
});
