import { Type, type Static } from 'typebox';
import { CALLBACK_RESULT_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const PBX_ERRORS = { 404: ErrorSchema, 409: ErrorSchema, 502: ErrorSchema, 504: ErrorSchema } as const;
const Results = Type.Union(CALLBACK_RESULT_VALUES.map((value) => Type.Literal(value)));

export const AttemptViewSchema = Type.Object({
  id: Type.String(),
  purpose: Type.String(),
  callId: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  agentName: Nullable(Type.String()),
  hotlineNumber: Nullable(Type.String()),
  startedAt: Type.String(),
  /** answered | no_answer | busy | failed, from the PBX; null while the call-out runs. */
  pbxResult: Nullable(Type.String()),
  pbxDetail: Nullable(Type.String()),
  /** What counts: the agent's finding, else the PBX's. */
  result: Nullable(Type.String()),
  note: Nullable(Type.String()),
  recordedAt: Nullable(Type.String()),
});
export type AttemptView = Static<typeof AttemptViewSchema>;

const ProgressSchema = {
  attempts: Type.Integer(),
  failedAttempts: Type.Integer(),
  isInProgress: Type.Boolean(),
  nextAttemptAt: Nullable(Type.String()),
  lastAttempt: Nullable(AttemptViewSchema),
  /** A number the PBX can dial (the number itself never leaves the server). */
  canDial: Type.Boolean(),
};

const RulesSchema = Type.Object({ maxAttempts: Type.Integer(), retryMinutes: Type.Integer(), windowDays: Type.Integer() });

export const MissedCallCaseSchema = Type.Object({
  callId: Type.String(),
  hotlineNumber: Type.String(),
  hotlineName: Nullable(Type.String()),
  hotlineNameEn: Nullable(Type.String()),
  callerNumber: Type.String(),
  state: Type.String(),
  enteredAt: Type.String(),
  waitSeconds: Nullable(Type.Integer()),
  overflowReason: Nullable(Type.String()),
  callbackRequestedAt: Nullable(Type.String()),
  /** Unanswered calls from the same number in the window, this one included. */
  missedCount: Type.Integer(),
  ...ProgressSchema,
});
export type MissedCallCase = Static<typeof MissedCallCaseSchema>;

export const FollowUpCaseSchema = Type.Object({
  ticketId: Type.String(),
  code: Type.String(),
  title: Type.String(),
  state: Type.String(),
  confidential: Type.Boolean(),
  callerNumber: Nullable(Type.String()),
  hotlineNumber: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  unitNameEn: Nullable(Type.String()),
  replySummary: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  followUpDueAt: Nullable(Type.String()),
  ...ProgressSchema,
  /** No more attempts (the last allowed failed, or the number is wrong): record 无法联系 and close. */
  isExhausted: Type.Boolean(),
});
export type FollowUpCase = Static<typeof FollowUpCaseSchema>;

export const missedCallsSchema = {
  tags: ['worklists'],
  summary: 'Missed and abandoned calls and callback requests still to call back, the requests and newest first',
  response: { 200: Type.Object({ rules: RulesSchema, items: Type.Array(MissedCallCaseSchema) }), ...AUTH_ERRORS },
};

export const followUpsSchema = {
  tags: ['worklists'],
  summary: 'Replied tickets awaiting the follow-up call (回访), the most due first',
  response: { 200: Type.Object({ rules: RulesSchema, items: Type.Array(FollowUpCaseSchema) }), ...AUTH_ERRORS },
};

export const calloutSchema = {
  tags: ['worklists'],
  summary: "Calls the citizen back from the agent's phone, presenting the hotline first dialled",
  params: IdParamsSchema,
  body: Type.Optional(Type.Object({}, { additionalProperties: false })),
  response: { 201: AttemptViewSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

export const getAttemptSchema = {
  tags: ['worklists'],
  summary: 'One call-back or follow-up attempt (its PBX result arrives by itself)',
  params: IdParamsSchema,
  response: { 200: AttemptViewSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

export const RecordAttemptSchema = Type.Object({
  result: Results,
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type RecordAttempt = Static<typeof RecordAttemptSchema>;

export const recordAttemptSchema = {
  tags: ['worklists'],
  summary: "Records the agent's result and note on an attempt (audited)",
  params: IdParamsSchema,
  body: RecordAttemptSchema,
  response: { 200: AttemptViewSchema, ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema },
};

