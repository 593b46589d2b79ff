import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH } from '@yixian/runtime';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';

export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    /** The policy (length, common passwords, history) is checked by the service, with a reason. */
    newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;

export const changePasswordRouteSchema = {
  tags: ['auth'],
  summary: 'Change one\'s own password (current + new; at least 12 characters, not common, not one of the last five). Ends the user\'s other sessions',
  body: ChangePasswordBodySchema,
  response: { 204: Type.Null(), ...AUTH_ERRORS, 423: ErrorSchema },
};
