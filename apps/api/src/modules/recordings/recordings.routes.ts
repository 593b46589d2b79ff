/**
 * Call recordings for the floor's supervisors and the district command: by call, or through a
 * ticket (the ticket's scope check first). The file comes only from the call record
 * (find-recording-file.ts) and is streamed by @fastify/static, which answers byte ranges (206,
 * 416) as the browser's <audio> element asks. Every request is audited — played, or refused
 * with its reason, including a role refused before the handler ran.
 *
 * `…/recording/status` tells the console beforehand whether there is anything to play (so it shows
 * a sentence instead of a player that can only fail): same roles and scope checks, the same file
 * lookup, no bytes of audio. It is not audited as a play: it reveals that a file exists and how
 * long it is, nothing of what was said or who called (the caller's number never leaves through it);
 * a role refused on it is still audited as `access.denied` by the security plugin.
 */
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import { getCall } from '../calls/calls.service.js';
import { getTicketInScope } from '../tickets/tickets.service.js';
import { findRecordingFile, type RecordingCall, type RecordingRefusal } from './find-recording-file.js';
import {
  callRecordingSchema, callRecordingStatusSchema, ticketRecordingSchema, ticketRecordingStatusSchema, type RecordingStatus, type RecordingUnavailableReason,
} from './recordings.schemas.js';
import { readWavDuration } from './wav-duration.js';

/** Recordings are personal data: the shift lead and the commander may listen, nobody else. */
export const RECORDING_LISTENERS = [ROLES.shift_lead, ROLES.commander];

/** What the audit row of one request names; `audited` once the play itself was written. */
interface PlayAudit {
  resource: 'call' | 'ticket';
  resourceId: string;
  details: Record<string, string | null>;
  reason?: string;
  audited: boolean;
}

const REFUSALS: Record<RecordingRefusal, () => AppError> = {
  no_recording: () => new AppError('not_found', 'This call has no recording', { field: 'id' }),
  unsafe_path: () => new AppError('not_found', 'The recording of this call cannot be served', { field: 'id' }),
  in_progress: () => new AppError('conflict', 'The call is still in progress; its recording can be played once it ends'),
  file_missing: () => new AppError('not_found', 'The recording file of this call is not on the server', { field: 'id' }),
};

/**
 * What the status route says for each refusal. A stored name the route will not open is, for
 * the person asking, a file that is not there (the warning in the log tells the operator why).
 */
const UNAVAILABLE: Record<RecordingRefusal, RecordingUnavailableReason> = {
  no_recording: 'no_recording',
  in_progress: 'in_progress',
  file_missing: 'missing',
  unsafe_path: 'missing',
};

export default async function recordingRoutes(fastify: FastifyInstance): Promise<void> {
  // Only for reply.sendFile in this plugin: no routes, no root of its own (each call names it).
  await fastify.register(fastifyStatic, { serve: false });
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const root = app.config.recordingsDir;
  const plays = new WeakMap<FastifyRequest, PlayAudit>();

  function playOf(request: FastifyRequest): PlayAudit {
    let play = plays.get(request);
    if (!play) {
      const viaTicket = request.routeOptions.url?.startsWith('/api/tickets/') ?? false;
      const id = (request.params as { id?: string }).id ?? '';
      play = { resource: viaTicket ? 'ticket' : 'call', resourceId: id, details: { method: request.method, range: request.headers.range ?? null }, audited: false };
      plays.set(request, play);
    }
    return play;
  }

  /** onError: a refusal (role, scope, no file) is audited as denied, a failure as failed; a play is audited once. */
  async function auditRefusal(request: FastifyRequest, _reply: FastifyReply, error: FastifyError | AppError): Promise<void> {
    const play = playOf(request);
    if (play.audited) return;
    const status = error.statusCode ?? 500;
    await app.audit(request, {
      action: AUDIT_ACTIONS.playRecording, outcome: status >= 500 ? 'failed' : 'denied',
      resource: play.resource, resourceId: play.resourceId, reason: play.reason ?? (error instanceof AppError ? error.code : String(status)), details: play.details,
    });
  }

  /** A range outside the file leaves as `range_not_satisfiable` with the file's size; an aborted stream just ends. */
  function onRecordingError(error: FastifyError & { status?: number; headers?: Record<string, string> }, request: FastifyRequest, reply: FastifyReply) {
    if (error.code === 'ERR_STREAM_PREMATURE_CLOSE') {
      request.raw.destroy();
      return;
    }
    if ((error.statusCode ?? error.status) === 416) {
      const contentRange = error.headers?.['Content-Range'];
      if (contentRange) reply.header('content-range', contentRange);
      const size = contentRange?.split('/')[1] ?? '?';
      return app.errorHandler(new AppError('range_not_satisfiable', `The range ${request.headers.range ?? ''} lies outside the recording (${size} bytes)`), request, reply);
    }
    return app.errorHandler(error, request, reply);
  }

  async function serveRecording(request: FastifyRequest, reply: FastifyReply, call: RecordingCall & { id: string }) {
    const play = playOf(request);
    play.details.callId = call.id;
    const lookup = await findRecordingFile(root, call);
    if (!lookup.found) {
      play.reason = lookup.reason;
      if (lookup.reason === 'unsafe_path') request.log.warn({ callId: call.id }, 'refused a recording path outside the recordings folder');
      throw REFUSALS[lookup.reason]();
    }
    await app.audit(request, {
      action: AUDIT_ACTIONS.playRecording, outcome: 'allowed', resource: 'call', resourceId: call.id,
      details: { ...play.details, file: lookup.file, sizeBytes: lookup.sizeBytes },
    });
    play.audited = true;
    return reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .sendFile(lookup.file, root, { cacheControl: false, acceptRanges: true });
  }

  /** Whether the recording route would play this call's file now, and its size and length if so. */
  async function recordingStatus(request: FastifyRequest, reply: FastifyReply, call: RecordingCall & { id: string }): Promise<RecordingStatus> {
    reply.header('cache-control', 'no-store');
    const lookup = await findRecordingFile(root, call);
    if (!lookup.found) {
      if (lookup.reason === 'unsafe_path') request.log.warn({ callId: call.id }, 'refused a recording path outside the recordings folder');
      return { available: false, reason: UNAVAILABLE[lookup.reason] };
    }
    const durationSeconds = await readWavDuration(resolve(root, lookup.file), lookup.sizeBytes);
    return { available: true, sizeBytes: lookup.sizeBytes, ...(durationSeconds === undefined ? {} : { durationSeconds }) };
  }

  const routeOptions = { config: { roles: RECORDING_LISTENERS }, onError: auditRefusal, errorHandler: onRecordingError };

  app.get('/api/calls/:id/recording', { schema: callRecordingSchema, ...routeOptions }, async (request, reply) => {
    playOf(request);
    return serveRecording(request, reply, await getCall(app.prisma, request.params.id));
  });

  app.get('/api/tickets/:id/recording', { schema: ticketRecordingSchema, ...routeOptions }, async (request, reply) => {
    const play = playOf(request);
    const ticket = await getTicketInScope(app.prisma, requireActor(request), request.params.id);
    play.details.ticketId = ticket.id;
    const call = ticket.callId ? await app.prisma.call.findUnique({ where: { id: ticket.callId } }) : null;
    if (!call) {
      play.reason = 'no_call';
      throw new AppError('not_found', `Ticket ${ticket.code} was not taken from a call`, { field: 'id' });
    }
    return serveRecording(request, reply, call);
  });

  app.get('/api/calls/:id/recording/status', { schema: callRecordingStatusSchema, config: { roles: RECORDING_LISTENERS } }, async (request, reply) =>
    recordingStatus(request, reply, await getCall(app.prisma, request.params.id)));

  /** A ticket taken from no call has no recording (the play route refuses it as `no_call`). */
  app.get('/api/tickets/:id/recording/status', { schema: ticketRecordingStatusSchema, config: { roles: RECORDING_LISTENERS } }, async (request, reply) => {
    const ticket = await getTicketInScope(app.prisma, requireActor(request), request.params.id);
    const call = ticket.callId ? await app.prisma.call.findUnique({ where: { id: ticket.callId } }) : null;
    if (!call) {
      reply.header('cache-control', 'no-store');
      return { available: false, reason: 'no_recording' as const };
    }
    return recordingStatus(request, reply, call);
  });
}
