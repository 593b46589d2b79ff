import { Type, type Static } from 'typebox';
import { ErrorSchema } from '../../lib/schemas.js';

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const ScopeSchema = Type.Object({
  all: Type.Boolean(),
  areaIds: Type.Array(Type.String()),
  unitIds: Type.Array(Type.String()),
  categoryIds: Type.Array(Type.String()),
});

export const UserViewSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  unitId: Type.Union([Type.String(), Type.Null()]),
  areaId: Type.Union([Type.String(), Type.Null()]),
  extension: Type.Union([Type.String(), Type.Null()]),
  /** Signed in with a one-time password: every route but the password change answers 403 password_change_required. */
  mustChangePassword: Type.Boolean(),
  scope: ScopeSchema,
});

export const SessionViewSchema = Type.Object({
  user: UserViewSchema,
  csrfToken: Type.String(),
  idleTimeoutSeconds: Type.Integer(),
  /** What the sign-in still owes (session-store.ts `SessionStep`); null on a full session. */
  step: Type.Union([Type.Literal('mfa_code'), Type.Literal('mfa_enrol'), Type.Null()]),
});

export const loginRouteSchema = {
  tags: ['auth'],
  summary: 'Sign in; sets the HttpOnly session cookie',
  body: LoginBodySchema,
  response: { 200: SessionViewSchema, 401: ErrorSchema, 403: ErrorSchema, 423: ErrorSchema },
};

export const meRouteSchema = {
  tags: ['auth'],
  summary: 'The signed-in user, roles, scope and CSRF token',
  response: { 200: SessionViewSchema, 401: ErrorSchema },
};

export const sessionProbeRouteSchema = {
  tags: ['auth'],
  summary: 'The session if there is one: 200 with `session: null` when nobody is signed in (public pages probe this, never a failing request)',
  response: { 200: Type.Object({ session: Type.Union([SessionViewSchema, Type.Null()]) }) },
};

export const logoutRouteSchema = {
  tags: ['auth'],
  summary: 'End the session; an agent is first taken out of the queue (409 agent_in_call while on a call, the session stays)',
  response: { 204: Type.Null(), 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema },
};
