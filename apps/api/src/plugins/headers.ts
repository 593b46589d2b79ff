/**
 * Security headers on every answer (helmet's, worked out once: they are the same for every answer,
 * where @fastify/helmet rebuilt helmet and re-parsed the policy per request), and no caching of API answers.
 *
 * The Content-Security-Policy lets the built console run and nothing else: scripts, styles,
 * fonts, images and connections (the API, `/ws`) from our own origin only; no inline script, no
 * plugins, no framing by any page (clickjacking), forms post only to us. No inline styles either:
 * Element Plus, ECharts and Vue set styles through the CSSOM, which CSP does not govern, and
 * every browser test runs the console under this policy with no violation (they fail on any
 * console error). `data:` images serve icons and generated pictures (a QR code); with TILE_URL
 * set, images may also come from the tile server's origin (the phone app's map).
 *
 * HSTS only when the answer went out over TLS (directly, or per a trusted proxy), or the public
 * origin is https. `/api` answers carry `Cache-Control: no-store` (they hold personal data);
 * the console's static files keep their own caching.
 */
import fp from 'fastify-plugin';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import { isTlsRequest } from '../modules/auth/session-cookie.js';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

async function headersPlugin(app: FastifyInstance): Promise<void> {
  // The phone app's map loads its tiles from the configured tile server (TILE_URL): that origin only.
  const tileOrigin = app.config.map.tileOrigin;
  const directives = tileOrigin ? { ...CONTENT_SECURITY_POLICY, 'img-src': [...CONTENT_SECURITY_POLICY['img-src'], tileOrigin] } : CONTENT_SECURITY_POLICY;
  const headers = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives },
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  const isHttpsOrigin = app.config.publicOrigin?.startsWith('https:') ?? false;
  app.addHook('onSend', async (request, reply) => {
    if (isHttpsOrigin || isTlsRequest(request)) reply.header('strict-transport-security', HSTS_VALUE);
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    if (isApi && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/**
 * The headers helmet sets for `options`, read off one run of its middleware. With no nonce and no
 * directive computed per request they do not depend on the request, so each answer gets a copy.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export default fp(headersPlugin, { name: 'headers', dependencies: ['infrastructure'] });
