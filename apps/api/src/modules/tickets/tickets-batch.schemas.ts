/** `POST /api/tickets/batch-dispatch`: the ids (capped), one lead unit, optional supporting units. */
import { Type } from 'typebox';
import { AUTH_ERRORS } from '../../lib/schemas.js';
import { MAX_BATCH_DISPATCH } from './batch-dispatch-tickets.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const batchDispatchSchema = {
  tags: ['tickets'],
  summary: 'Dispatch several tickets to one lead unit; one result per ticket (each in its own transaction)',
  body: Type.Object({
    ticketIds: Type.Array(Id, { minItems: 1, maxItems: MAX_BATCH_DISPATCH }),
    unitId: Id,
    supportingUnitIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      succeeded: Type.Integer(),
      failed: Type.Integer(),
      results: Type.Array(Type.Object({
        ticketId: Type.String(),
        code: Type.Union([Type.String(), Type.Null()]),
        ok: Type.Boolean(),
        state: Type.Union([Type.String(), Type.Null()]),
        leadUnitId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
        error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) })),
      })),
    }),
    ...AUTH_ERRORS,
  },
};
