/**
 * The one error handler: every failure leaves as `{ statusCode, code, message, field? }`.
 * Validation errors name the offending field; 5xx never show internals.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../lib/app-error.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Ajv's first issue into a dotted field name and a readable message. */
function describeValidation(context: string | undefined, issue: ValidationIssue): { field: string; message: string } {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const params = issue.params ?? {};
  const part = context ?? 'body';
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string') {
    const field = path ? `${path}.${params.missingProperty}` : params.missingProperty;
    return { field, message: `${part}.${field} is required` };
  }
  if (issue.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const field = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
    return { field, message: `${part}.${field} is not an allowed field` };
  }
  const field = path || part;
  return { field, message: `${part}.${field} ${issue.message ?? 'is invalid'}` };
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

/** Prisma's codes for a database it cannot reach or lost (unreachable, timed out, closed). */
const DOWN_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017']);
/**
 * Prisma's codes for a database that is up but has no connection for this request in time: the
 * pool's wait ran out (P2024) or a transaction found no connection within its maxWait, or ran past
 * its timeout (P2028). Under overload that is every request beyond what the pool serves.
 */
const BUSY_PRISMA_CODES = new Set(['P2024', 'P2028']);
/** Driver-adapter error kinds (adapter-pg) and PostgreSQL codes (57P01-03: shutting down, starting up) that mean the same. */
const DOWN_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
/** The server refused a connection because it has as many as it allows. */
const BUSY_ADAPTER_KINDS = new Set(['TooManyConnections']);
/** Seconds a busy answer asks the client to wait before retrying. */
const BUSY_RETRY_AFTER_S = 1;
const DOWN_POSTGRES_CODES = new Set(['57P01', '57P02', '57P03']);
/**
 * The same failures as `pg` reports them on the statements that run straight on the pool
 * (`queryRows`, packages/db/src/direct-query.ts), without Prisma's wrapper: the socket's code
 * (the adapter's DatabaseNotReachable, ConnectionClosed, SocketTimeout) or PostgreSQL's SQLSTATE.
 */
const DOWN_SOCKET_CODES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);
const BUSY_POSTGRES_CODE = '53300';

interface DatabaseErrorShape {
  name?: string;
  code?: unknown;
  /** Set on PostgreSQL's own errors as `pg` reports them (its `DatabaseError`). */
  severity?: unknown;
  syscall?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  cause?: { kind?: string; code?: string };
}

function adapterCause(error: DatabaseErrorShape): { kind?: string; code?: string } | undefined {
  return error.meta?.driverAdapterError?.cause ?? (error.name === 'DriverAdapterError' ? error.cause : undefined);
}

/** PostgreSQL's SQLSTATE of an error `pg` reports directly (not through Prisma). */
function postgresCode(error: DatabaseErrorShape): string | undefined {
  return typeof error.code === 'string' && typeof error.severity === 'string' ? error.code : undefined;
}

/**
 * The database is up but this process has no connection for the request in time: more load than
 * the pool serves. Answered 503 with Retry-After (load shedding), saying the centre is busy —
 * not that a dependency is down, which is what an operator would look for otherwise.
 */
export function isCentreBusy(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as DatabaseErrorShape;
  if (typeof candidate.code === 'string' && BUSY_PRISMA_CODES.has(candidate.code)) return true;
  if (postgresCode(candidate) === BUSY_POSTGRES_CODE) return true;
  const kind = adapterCause(candidate)?.kind;
  return kind !== undefined && BUSY_ADAPTER_KINDS.has(kind);
}

/**
 * A dependency (PostgreSQL, Redis) is away: the request can succeed later, so it is a 503 the
 * client may retry, not a 500. Found by the postgres-stop drill (scripts/drills).
 */
export function isDependencyDown(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const candidate = error as DatabaseErrorShape;
  if (typeof candidate.code === 'string' && DOWN_PRISMA_CODES.has(candidate.code)) return true;
  const cause = adapterCause(candidate);
  if (cause?.kind && DOWN_ADAPTER_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && cause.code && DOWN_POSTGRES_CODES.has(cause.code)) return true;
  const sqlState = postgresCode(candidate);
  if (sqlState !== undefined && DOWN_POSTGRES_CODES.has(sqlState)) return true;
  if (typeof candidate.code === 'string' && typeof candidate.syscall === 'string' && DOWN_SOCKET_CODES.has(candidate.code)) return true;
  // ioredis on a request path (maxRetriesPerRequest: 2) gives up with these.
  if (candidate.name === 'MaxRetriesPerRequestError') return true;
  return typeof candidate.message === 'string' && /^(Connection is closed\.|Connection terminated unexpectedly)/.test(candidate.message);
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({
        statusCode: error.statusCode,
        code: error.code,
        message: error.message,
        ...error.extra,
      });
    }
    if (error.validation && error.validation.length > 0) {
      const { field, message } = describeValidation(error.validationContext, error.validation[0] as ValidationIssue);
      return reply.status(400).send({ statusCode: 400, code: 'validation_failed', message, field });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      const status = ERROR_CODES[mapped];
      return reply.status(status).send({ statusCode: status, code: mapped, message: error.message });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ statusCode: 429, code: 'rate_limited', message: error.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ statusCode: error.statusCode, code: 'validation_failed', message: error.message });
    }
    if (isCentreBusy(error)) {
      request.log.warn({ err: error.message.split('\n')[0] }, 'busy: no database connection in time');
      return reply.status(503).header('retry-after', String(BUSY_RETRY_AFTER_S)).serializer(JSON.stringify)
        .send({ statusCode: 503, code: 'service_unavailable', message: 'The centre is busy; try again in a moment' });
    }
    if (isDependencyDown(error)) {
      request.log.warn({ err: error.message.split('\n')[0] }, 'dependency unavailable');
      // A route may declare its own 503 body (health does); this answer keeps the error shape.
      return reply.status(503).serializer(JSON.stringify).send({ statusCode: 503, code: 'service_unavailable', message: 'A service the centre depends on is unavailable; try again shortly' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ statusCode: 500, code: 'internal_error', message: 'Internal error' });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      code: 'not_found',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}

export default fp(errorsPlugin, { name: 'errors' });
