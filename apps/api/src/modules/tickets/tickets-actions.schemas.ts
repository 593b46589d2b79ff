/** One schema per lifecycle action: explicit bodies, unknown fields refused, the detail view back. */
import { Type, type TProperties, type TSchema } from 'typebox';
import {
  FOLLOW_UP_VERDICT_VALUES, RETURN_REASON_VALUES, ROLE_VALUES, TICKET_STATE_VALUES, VERIFICATION_VERDICT_VALUES, canTakeAction, type Role, type TicketAction,
} from '@yixian/domain';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema, ReasonSchema } from '../../lib/schemas.js';
import { TicketDetailSchema } from './tickets.schemas.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const Note = Type.Optional(Type.String({ maxLength: 2000 }));
const Reason = ReasonSchema({ maxLength: 2000 });
/** The files an act carries, uploaded first (POST /api/tickets/:id/attachments); the configured count is checked in the act. */
const AttachmentIds = Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }));
/**
 * The ticket's `lastChangeId` as the caller last saw it (an act written offline): when the ticket
 * changed since (returned, re-dispatched), the act is refused with 409 instead of applied to a
 * ticket the writer never saw. Reminders and extensions in between do not count.
 */
const ExpectedChangeId = Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9]+$' }));
const object = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const ACTION_BODIES = {
  dispatch: object({
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    supportingUnitIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 })),
    ruling: Type.Optional(Type.Union([Type.Literal('accept'), Type.Literal('reject')])),
    note: Note,
  }),
  sign: object({ note: Note }),
  return: object({ reasonCode: literalUnion(RETURN_REASON_VALUES), note: Reason, attachmentIds: AttachmentIds, expectedChangeId: ExpectedChangeId }),
  start: object({ note: Note }),
  reply: object({ content: Type.String({ minLength: 1, maxLength: 5000 }), attachmentIds: AttachmentIds, expectedChangeId: ExpectedChangeId }),
  'request-extension': object({ days: Type.Integer({ minimum: 1, maximum: 5 }), reason: Reason }),
  'approve-extension': object({ approve: Type.Boolean(), note: Note }),
  'follow-up': object({ verdict: literalUnion(FOLLOW_UP_VERDICT_VALUES), note: Note }),
  reopen: object({ reason: Reason }),
  close: object({ verdict: Type.Optional(literalUnion(FOLLOW_UP_VERDICT_VALUES)), note: Note }),
  merge: object({ intoTicketId: Type.String({ minLength: 1, maxLength: 64 }), note: Note }),
  remind: object({ note: Note }),
  supervise: object({ note: Note }),
  divert: object({ reason: Reason }),
  'mark-complex': object({ reason: Reason }),
  'approve-reply': object({ note: Note }),
  'reject-reply': object({ reason: Reason }),
  verify: object({
    verdict: literalUnion(VERIFICATION_VERDICT_VALUES),
    /** Passed: a remark; failed: the reason the unit must redo it (required then, checked by the service). */
    note: Note,
    /** Where the worker stood, as `navigator.geolocation` gave it; absent when the phone had no fix. */
    position: Type.Optional(Type.Object({
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      lng: Type.Number({ minimum: -180, maximum: 180 }),
      accuracy: Type.Number({ minimum: 0, maximum: 100000 }),
    }, { additionalProperties: false })),
    attachmentIds: AttachmentIds,
    expectedChangeId: ExpectedChangeId,
  }),
} as const satisfies Partial<Record<TicketAction, TSchema>>;

export type ActionWithRoute = keyof typeof ACTION_BODIES;

/** The roles that may take `action` in at least one state, straight from the domain machine. */
export function rolesForAction(action: TicketAction): Role[] {
  return ROLE_VALUES.filter((role) => TICKET_STATE_VALUES.some((state) => canTakeAction(state, action, role).ok));
}

/**
 * Acts a phone keeps without signal and sends again when an answer is lost: each may carry an
 * `Idempotency-Key` (a UUID or 8–128 letters, digits and `-_.:`), and a repeat is answered with the
 * ticket as it is, never applied twice.
 */
export const KEYED_ACTIONS: readonly ActionWithRoute[] = ['reply', 'return', 'verify'];
/** An optional `Idempotency-Key` (also the intake's, tickets-intake.schemas.ts). */
export const KeyedHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' })),
});

export function actionSchema(action: ActionWithRoute) {
  return {
    tags: ['tickets'],
    summary: `Lifecycle: ${action}`,
    params: IdParamsSchema,
    ...(KEYED_ACTIONS.includes(action) ? { headers: KeyedHeadersSchema } : {}),
    body: ACTION_BODIES[action],
    response: {
      200: action === 'divert' ? Type.Object({ ...TicketDetailSchema.properties, linkedTicketId: Type.String() }) : TicketDetailSchema,
      ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema,
    },
  };
}
