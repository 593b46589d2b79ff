/** The recording routes: audio bytes (whole or one range), or the usual error body; and whether there is anything to play. */
import { Type, type Static } from 'typebox';
import { AUTH_ERRORS, ErrorSchema, IdParamsSchema } from '../../lib/schemas.js';

const Audio = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });

const RECORDING_RESPONSES = {
  200: Audio('The whole recording (audio/wav)'),
  206: Audio('One byte range of the recording (`Range: bytes=…`), with Content-Range'),
  ...AUTH_ERRORS,
  404: ErrorSchema,
  409: ErrorSchema,
  416: ErrorSchema,
};

export const callRecordingSchema = {
  tags: ['recordings'],
  summary: "Play a call's recording, by call id or Linkedid (range requests; every request audited)",
  params: IdParamsSchema,
  response: RECORDING_RESPONSES,
};

export const ticketRecordingSchema = {
  tags: ['recordings'],
  summary: 'Play the recording of the call a ticket was taken from (scope-checked like the ticket; audited)',
  params: IdParamsSchema,
  response: RECORDING_RESPONSES,
};

/** Why a recording cannot be played: none was made, its file is not on the server, the call is still going on. */
const UnavailableReason = Type.Union([Type.Literal('no_recording'), Type.Literal('missing'), Type.Literal('in_progress')], {
  description: 'Why not, when not available: no recording was made, its file is not on the server, the call is still going on',
});
export type RecordingUnavailableReason = Static<typeof UnavailableReason>;

export const RecordingStatusSchema = Type.Object({
  available: Type.Boolean({ description: 'True when the recording route would play the file now' }),
  reason: Type.Optional(UnavailableReason),
  sizeBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'The file size, when available' })),
  durationSeconds: Type.Optional(Type.Number({ minimum: 0, description: 'The audio length from the WAV header (0.1 s), when it could be read' })),
});

export type RecordingStatus = Static<typeof RecordingStatusSchema>;

const STATUS_RESPONSES = { 200: RecordingStatusSchema, ...AUTH_ERRORS, 404: ErrorSchema };

export const callRecordingStatusSchema = {
  tags: ['recordings'],
  summary: "Whether a call's recording can be played now, without streaming it (same roles; not audited: no personal data)",
  params: IdParamsSchema,
  response: STATUS_RESPONSES,
};

export const ticketRecordingStatusSchema = {
  tags: ['recordings'],
  summary: 'Whether the recording of the call a ticket was taken from can be played now (scope-checked like the ticket; not audited)',
  params: IdParamsSchema,
  response: STATUS_RESPONSES,
};
