import { Type } from 'typebox';
import { CALL_STATE_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, PageQuerySchema, ReasonSchema } from '../../lib/schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const PBX_ERRORS = { 404: ErrorSchema, 409: ErrorSchema, 502: ErrorSchema, 504: ErrorSchema } as const;

export const CallViewSchema = Type.Object({
  id: Type.String(),
  linkedid: Type.String(),
  pbxId: Type.String(),
  hotlineNumber: Type.String(),
  callerNumber: Type.String(),
  state: Type.String(),
  queue: Type.String(),
  agentInterface: Nullable(Type.String()),
  agentUserId: Nullable(Type.String()),
  enteredAt: Type.String(),
  ringAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  waitSeconds: Nullable(Type.Integer()),
  talkSeconds: Nullable(Type.Integer()),
  abandonPosition: Nullable(Type.Integer()),
  hangupBy: Nullable(Type.String()),
  /** The member who last rang (an unanswered call's "rung", never "answered by"). */
  lastRungInterface: Nullable(Type.String()),
  transferTarget: Nullable(Type.String()),
  overflowReason: Nullable(Type.String()),
  callbackRequestedAt: Nullable(Type.String()),
  /** `ami` (live events) or `accounting` (recovered from the PBX's CDR and queue_log). */
  source: Type.String(),
  recordingFile: Nullable(Type.String()),
  resynced: Type.Boolean(),
  tickets: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), state: Type.String() })),
});

const CALL_STATES = CALL_STATE_VALUES.map((s) => Type.Literal(s));

export const listCallsSchema = {
  tags: ['calls'],
  summary: 'Calls, newest first (filters: hotline, state, agent, caller, time range)',
  querystring: Type.Object(
    {
      ...PageQuerySchema,
      hotline: Type.Optional(Type.String({ pattern: '^\\d{3,6}$' })),
      state: Type.Optional(Type.Union(CALL_STATES)),
      agent: Type.Optional(Type.String({ maxLength: 128 })),
      caller: Type.Optional(Type.String({ maxLength: 32 })),
      from: Type.Optional(Type.String({ format: 'date-time' })),
      to: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(CallViewSchema) }), ...AUTH_ERRORS },
};

export const getCallSchema = {
  tags: ['calls'],
  summary: 'One call, by id or Asterisk Linkedid',
  params: IdParamsSchema,
  response: { 200: CallViewSchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

const HistorySchema = Type.Object({
  isRepeatCaller: Type.Boolean(),
  callsInLast7Days: Type.Integer(),
  calls: Type.Array(CallViewSchema),
  tickets: Type.Array(Type.Object({
    id: Type.String(), code: Type.String(), state: Type.String(), title: Type.String(), categoryId: Type.String(), createdAt: Type.String(), ticketClass: Type.String(),
  })),
});

export const callerHistorySchema = {
  tags: ['calls'],
  summary: 'A caller’s earlier calls and tickets (for the screen pop)',
  params: Type.Object({ number: Type.String({ minLength: 3, maxLength: 32 }) }, { additionalProperties: false }),
  response: { 200: HistorySchema, ...AUTH_ERRORS },
};

export const callHistorySchema = {
  tags: ['calls'],
  summary: 'The history of this call’s caller, without putting the number in the URL',
  params: IdParamsSchema,
  response: { 200: HistorySchema, ...AUTH_ERRORS, 404: ErrorSchema },
};

export const revealCallerSchema = {
  tags: ['calls'],
  summary: 'Reveal the caller’s full number, with a reason (audited)',
  params: IdParamsSchema,
  body: Type.Object({ reason: ReasonSchema({ minVisible: 4, maxLength: 500 }) }, { additionalProperties: false }),
  response: { 200: Type.Object({ callerNumber: Type.String() }), ...AUTH_ERRORS, 404: ErrorSchema },
};

const OkSchema = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });

export const hangupSchema = {
  tags: ['calls'], summary: 'Hang up the call', params: IdParamsSchema,
  body: Type.Optional(Type.Object({}, { additionalProperties: false })),
  response: { 200: OkSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

const Destination = Type.String({ pattern: '^(110|6\\d{3}|0\\d{6,12}|1[3-9]\\d{9})$', description: '110 police desk, 6xxx department desk, or an outside number' });

export const transferSchema = {
  tags: ['calls'], summary: 'Blind transfer to the 110 desk, a department desk or an outside number', params: IdParamsSchema,
  body: Type.Object({ destination: Destination }, { additionalProperties: false }),
  response: { 200: OkSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

export const conferenceSchema = {
  tags: ['calls'], summary: 'Three-party linkage call with a department or the 110 desk', params: IdParamsSchema,
  body: Type.Object({ destination: Destination }, { additionalProperties: false }),
  response: { 200: OkSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

export const listenSchema = {
  tags: ['calls'], summary: 'Listen in, whisper or barge (shift lead)', params: IdParamsSchema,
  body: Type.Object({ mode: Type.Union([Type.Literal('listen'), Type.Literal('whisper'), Type.Literal('barge')]) }, { additionalProperties: false }),
  response: { 200: OkSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

export const liveQueueSchema = {
  tags: ['calls'],
  summary: 'Live queue: waiting calls per hotline, longest wait, agents by state',
  response: {
    200: Type.Object({
      at: Type.String(),
      waitingCount: Type.Integer(),
      longestWaitSeconds: Type.Integer(),
      byHotline: Type.Record(Type.String(), Type.Integer()),
      waiting: Type.Array(Type.Object({ linkedid: Type.String(), pbxId: Type.String(), hotline: Nullable(Type.String()), since: Type.String(), position: Nullable(Type.Integer()), waitSeconds: Type.Integer() })),
      agents: Type.Array(Type.Object({
        interface: Type.String(), pbxId: Type.String(), memberName: Nullable(Type.String()), displayName: Nullable(Type.String()), userId: Nullable(Type.String()),
        state: Type.String(), pausedReason: Nullable(Type.String()), since: Type.String(), secondsInState: Type.Integer(), queue: Type.String(),
      })),
    }),
    ...AUTH_ERRORS,
  },
};
