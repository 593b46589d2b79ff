/**
 * Whether a browser's Origin may open `/ws`: the configured PUBLIC_ORIGIN, or the host the
 * request itself was sent to (the console is served by the same API). A request without an
 * Origin is not a browser's (browsers always send one on a WebSocket upgrade) and is let through;
 * the session cookie still decides who it is.
 */
import type { FastifyRequest } from 'fastify';

export function isAllowedOrigin(request: FastifyRequest, publicOrigin: string | null): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (publicOrigin !== null && origin === publicOrigin) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === request.host;
  } catch {
    return false;
  }
}
