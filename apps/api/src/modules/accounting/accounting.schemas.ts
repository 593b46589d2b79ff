import { Type } from 'typebox';
import { AUTH_ERRORS, PageQuerySchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const DiscrepancyViewSchema = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  linkedid: Type.String(),
  /** The Call field that differs. */
  field: Type.String(),
  /** Both sides as text (ISO time, seconds, state, agent); numbers masked. */
  yixianValue: Nullable(Type.String()),
  pbxValue: Nullable(Type.String()),
  /** For an agentInterface difference: the agents' names, when the phones are Yixian users'. */
  yixianName: Nullable(Type.String()),
  pbxName: Nullable(Type.String()),
  detectedAt: Type.String(),
  lastSeenAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  call: Type.Object({
    hotlineNumber: Type.String(),
    hotlineName: Nullable(Type.String()),
    hotlineNameEn: Nullable(Type.String()),
    callerNumber: Type.String(),
    state: Type.String(),
    source: Type.String(),
    enteredAt: Type.String(),
    agentName: Nullable(Type.String()),
  }),
});

export const listDiscrepanciesSchema = {
  tags: ['calls'],
  summary: 'Differences between the call records and the PBX’s own accounting (open by default)',
  querystring: Type.Object(
    { ...PageQuerySchema, status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved'), Type.Literal('all')])) },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      /** false when ACCOUNTING_DATABASE_URL is unset: nothing is compared. */
      enabled: Type.Boolean(),
      lastRunAt: Nullable(Type.String()),
      total: Type.Integer(),
      items: Type.Array(DiscrepancyViewSchema),
    }),
    ...AUTH_ERRORS,
  },
};
