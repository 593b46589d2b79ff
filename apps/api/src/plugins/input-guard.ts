/**
 * Checks every request's input once, before any route sees it, for what the schemas cannot say:
 * a NUL byte in the URL (path or query) or anywhere in a JSON body (PostgreSQL refuses it in
 * text, so it reached the database as a 500); a number read as ±Infinity (`1e400`) in a body or,
 * once coerced, in the URL; a `from`/`to` query range given the wrong way round. Each answers
 * 400 naming the field.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.js';

const ENCODED_NUL = /%00|\0/i;

/** The query parameter holding a NUL byte, or 'url' when it is in the path (or cannot be told). */
function nulField(url: string): string {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  if (ENCODED_NUL.test(path) || at < 0) return 'url';
  try {
    for (const [key, value] of new URLSearchParams(url.slice(at + 1))) {
      if (key.includes('\0')) return 'url';
      if (value.includes('\0')) return key;
    }
  } catch {
    return 'url';
  }
  return 'url';
}

/** The dotted path of the first NUL-holding string or key, or non-finite number, in a parsed body. */
function findBadValue(value: unknown, path: string, depth = 0): { field: string; problem: string } | null {
  // A file body (an XLSX import) is bytes, read and checked by its route.
  if (Buffer.isBuffer(value)) return null;
  if (typeof value === 'string') return value.includes('\0') ? { field: path, problem: 'holds a NUL byte' } : null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : { field: path, problem: 'is not a finite number' };
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadValue(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\0')) return { field: path || 'body', problem: 'has a key with a NUL byte' };
    const found = findBadValue(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A query's `from` after its `to`: both are read as instants when they parse; the formats judge the rest. */
function checkRange(request: FastifyRequest): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || typeof query.from !== 'string' || typeof query.to !== 'string') return;
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!Number.isNaN(from) && !Number.isNaN(to) && from > to) {
    throw new AppError('validation_failed', 'querystring.to must not be before from', { field: 'to' });
  }
}

async function inputGuardPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (ENCODED_NUL.test(request.url)) {
      const field = nulField(request.url);
      throw new AppError('validation_failed', `${field === 'url' ? 'The URL' : `querystring.${field}`} holds a NUL byte`, { field });
    }
  });
  app.addHook('preValidation', async (request) => {
    const bad = findBadValue(request.body, '');
    if (bad) throw new AppError('validation_failed', `body.${bad.field || 'body'} ${bad.problem}`, { field: bad.field || 'body' });
  });
  // After validation: Ajv coerces `?pageSize=1e400` to Infinity and lets it through its own bounds.
  app.addHook('preHandler', async (request) => {
    for (const part of ['querystring', 'params'] as const) {
      const bad = findBadValue(part === 'params' ? request.params : request.query, '');
      if (bad) throw new AppError('validation_failed', `${part}.${bad.field} ${bad.problem}`, { field: bad.field });
    }
    checkRange(request);
  });
}

export default fp(inputGuardPlugin, { name: 'input-guard' });
