/**
 * The session cookie's attributes. `Secure` whenever the request came over TLS — directly, or
 * per a trusted proxy's X-Forwarded-Proto (TRUST_PROXY) — and always when COOKIE_SECURE or an
 * https PUBLIC_ORIGIN says the console is served over TLS.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/config.js';

/** Whether the request reached us over TLS, as far as a trusted proxy tells. */
export function isTlsRequest(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function sessionCookieOptions(request: FastifyRequest, config: Pick<AppConfig, 'cookieSecure'>): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure || isTlsRequest(request),
    path: '/',
  };
}
