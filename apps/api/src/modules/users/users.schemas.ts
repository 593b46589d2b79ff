import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

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
