/**
 * The request id: a caller's (or proxy's) `x-request-id` is kept only when it is short and
 * plain (letters, digits, `.`, `_`, `:`, `-`, at most 64), since it is written into logs and
 * audit rows; anything else is replaced by a fresh UUID.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

export function pickRequestId(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}
