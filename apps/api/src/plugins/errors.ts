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
