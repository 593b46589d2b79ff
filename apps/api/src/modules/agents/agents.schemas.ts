import { Type, type Static } from 'typebox';
import { PAUSE_REASON_VALUES } from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { CallViewSchema } from '../calls/calls.schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const SetAgentStateSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('ready'), Type.Literal('paused'), Type.Literal('logged_out')]),
    /** Required to pause; `after_call_work` starts after-call work with its time limit. */
    reason: Type.Optional(Type.Union(PAUSE_REASON_VALUES.map((value) => Type.Literal(value)))),
  },
  { additionalProperties: false },
);
export type SetAgentState = Static<typeof SetAgentStateSchema>;

/** A shift lead's pause or sign-out of an agent (POST /api/agents/:id/state). */
export const ForceAgentStateSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('paused'), Type.Literal('logged_out')]),
    /** Why, as a pause reason code (after-call work is the agent's own); required. */
    reason: Type.Union(PAUSE_REASON_VALUES.filter((value) => value !== 'after_call_work').map((value) => Type.Literal(value))),
    /** Free words for the agent; required with reason `other`. */
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ForceAgentState = Static<typeof ForceAgentStateSchema>;

/** Who forced the agent's current state and why; null once the agent changed it themselves. */
export const ForcedBySchema = Type.Object({
  byName: Type.String(), state: Type.String(), reason: Type.String(), note: Nullable(Type.String()), at: Type.String(),
});
export type ForcedBy = Static<typeof ForcedBySchema>;

/** The agent's state: as the PBX answered a command, or as the bridge's live state holds it. */
export const AgentStateViewSchema = Type.Object({
  interface: Type.String(),
  /** logged_out, ready, paused, ringing, busy, wrap_up (after-call work included) or unavailable. */
  state: Type.String(),
  /**
   * The pause reason code, Asterisk's own `Auto-Pause` included. Beside `busy` it is a pause taken
   * during the call: the PBX holds the member paused (no next call) and it shows once the call ends.
   */
  pausedReason: Nullable(Type.String()),
  /** On a call (or the phone rings): signing out is refused then. */
  isOnCall: Type.Boolean(),
  /** Since when the agent is in this state, when known. */
  since: Nullable(Type.String()),
  /** When after-call work ends by itself; null outside after-call work. */
  afterCallWorkUntil: Nullable(Type.String()),
  afterCallWorkSeconds: Type.Integer(),
  /** A shift lead forced this state (pause or sign-out), and why. */
  forcedBy: Nullable(ForcedBySchema),
});
export type AgentStateView = Static<typeof AgentStateViewSchema>;

const PBX_ERRORS = { 409: ErrorSchema, 502: ErrorSchema, 504: ErrorSchema } as const;

export const setStateSchema = {
  tags: ['agents'],
  summary: 'Set my agent state on the PBX: ready, paused (reason code; after_call_work is time-limited) or logged out; answers with the PBX’s state',
  body: SetAgentStateSchema,
  response: { 200: AgentStateViewSchema, ...AUTH_ERRORS, ...PBX_ERRORS },
};

export const forceStateSchema = {
  tags: ['agents'],
  summary: 'Shift lead: pause an agent (user id, or the queue interface of a member who is no account) or sign them out of the queue, with a reason (audited); refused during a call for a sign-out, like the agent’s own',
  params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
  body: ForceAgentStateSchema,
  response: { 200: AgentStateViewSchema, ...AUTH_ERRORS, 404: ErrorSchema, ...PBX_ERRORS },
};

export const getStateSchema = {
  tags: ['agents'],
  summary: 'My agent state as the live state holds it, with the end of after-call work',
  response: { 200: AgentStateViewSchema, ...AUTH_ERRORS, 409: ErrorSchema },
};

export const currentCallSchema = {
  tags: ['agents'],
  summary: 'The call I am talking on (answered by my interface, not ended), else the one that just ended (within AFTER_CALL_WORK_SECONDS of its end, or of my after-call work’s start), to restore the desk and the ticket’s link to the call after a reload',
  response: { 200: Type.Object({ call: Nullable(CallViewSchema) }), ...AUTH_ERRORS, 409: ErrorSchema },
};

export const answerSchema = {
  tags: ['agents'],
  summary: 'Pick up my ringing phone (demo mode with the PBX simulator; a real phone is answered on the phone)',
  body: Type.Optional(Type.Object({}, { additionalProperties: false })),
  response: { 200: Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) }), ...AUTH_ERRORS, ...PBX_ERRORS },
};
