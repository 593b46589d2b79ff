import { Type } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';
import { SessionViewSchema } from '../auth/auth.schemas.js';

/** A six-digit TOTP code or a recovery code (`k7m2p-xq9rd`); spaces and dashes are allowed. */
export const CodeBodySchema = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 32, pattern: '^[A-Za-z0-9 -]+$' }) },
  { additionalProperties: false },
);

const RecoveryCodesSchema = Type.Array(Type.String(), { description: 'Shown this once; only their hashes are kept' });
const CODE_ERRORS = { ...AUTH_ERRORS, 409: ErrorSchema, 423: ErrorSchema } as const;

export const mfaStatusRouteSchema = {
  tags: ['auth'],
  summary: 'Whether the signed-in account has a second factor, whether its role requires one, and how many recovery codes are left',
  response: {
    200: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), enabledAt: Type.Union([Type.String(), Type.Null()]), recoveryCodesLeft: Type.Integer() }),
    ...AUTH_ERRORS,
  },
};

export const verifyRouteSchema = {
  tags: ['auth'],
  summary: 'Second step of a sign-in: a TOTP or recovery code turns the pending session into a full one (new session id)',
  body: CodeBodySchema,
  response: { 200: SessionViewSchema, ...CODE_ERRORS },
};

export const startEnrolmentRouteSchema = {
  tags: ['auth'],
  summary: 'Start setting up a second factor: a new secret, as a QR code (SVG data URL) and as text for manual entry',
  response: { 200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrCode: Type.String() }), ...AUTH_ERRORS, 409: ErrorSchema },
};

export const confirmEnrolmentRouteSchema = {
  tags: ['auth'],
  summary: 'Confirm the second factor with a first code; answers the recovery codes (once) and, for a sign-in that owed the enrolment, a full session',
  body: CodeBodySchema,
  response: { 200: Type.Object({ recoveryCodes: RecoveryCodesSchema, session: SessionViewSchema }), ...CODE_ERRORS },
};

export const regenerateRouteSchema = {
  tags: ['auth'],
  summary: 'New recovery codes after a valid code; the old ones stop working',
  body: CodeBodySchema,
  response: { 200: Type.Object({ recoveryCodes: RecoveryCodesSchema }), ...CODE_ERRORS },
};

export const disableRouteSchema = {
  tags: ['auth'],
  summary: 'Turn the second factor off with a valid code (refused, 403, for a role that requires it)',
  body: CodeBodySchema,
  response: { 204: Type.Null(), ...CODE_ERRORS },
};

export const resetRouteSchema = {
  tags: ['users'],
  summary: 'Administrator: remove an account’s second factor (lost phone); it enrols again at its next sign-in if its role requires it. Audited with the reason',
  params: IdParamsSchema,
  body: Type.Object({ reason: ReasonSchema({ minVisible: 4, maxLength: 500 }) }, { additionalProperties: false }),
  response: { 204: Type.Null(), ...AUTH_ERRORS, 404: ErrorSchema },
};
