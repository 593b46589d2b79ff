/** The recording routes: audio bytes (whole or one range), or the usual error body. */
import { Type } from 'typebox';
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
