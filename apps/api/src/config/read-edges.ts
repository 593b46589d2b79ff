/**
 * The configuration of the API's edge: the public origin, the proxies whose forwarding headers
 * are believed, the session cookie's `Secure` flag and the sign-in rate limit. Read by
 * config.ts; each bad value names its variable.
 */
import { isIP } from 'node:net';
import { ConfigError, type Env } from './config-error.js';

/** Address names proxy-addr (Fastify's `trustProxy`) understands besides addresses and CIDRs. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IPv4/IPv6 address, or one with a prefix length (`10.0.0.0/8`). */
export function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * TRUST_PROXY: the reverse proxies (addresses, CIDRs, or `loopback`/`linklocal`/`uniquelocal`)
 * whose X-Forwarded-For/-Proto/-Host are believed; unset or `false` = none. `true` is refused:
 * it would believe any client's X-Forwarded-For (the audited address, the per-client limits).
 */
export function readTrustProxy(env: Env): string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || ['false', '0', 'no', 'none'].includes(raw.toLowerCase())) return [];
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) {
    throw new ConfigError('TRUST_PROXY', 'must list the proxies\' addresses or CIDRs (e.g. "127.0.0.1,10.0.0.0/8" or "loopback"); "true" would believe any client\'s X-Forwarded-For');
  }
  const entries = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = entries.find((entry) => !PROXY_NAMES.includes(entry) && !isAddressOrCidr(entry));
  if (wrong !== undefined) {
    throw new ConfigError('TRUST_PROXY', `must list addresses, CIDRs or ${PROXY_NAMES.join('/')}, got "${wrong}"`);
  }
  return [...new Set(entries)];
}

/**
 * PUBLIC_ORIGIN: the address users open (`https://12345.example.gov.cn`), scheme and host only.
 * It is an allowed Origin for `/ws`, and when it is https the session cookie is always Secure.
 */
export function readPublicOrigin(env: Env): string | null {
  const raw = env.PUBLIC_ORIGIN?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_ORIGIN', `is not a valid URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('PUBLIC_ORIGIN', `must use https: or http:, got "${url.protocol}"`);
  }
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError('PUBLIC_ORIGIN', `must be a scheme and host only (like https://12345.example.gov.cn), got "${raw}"`);
  }
  return url.origin;
}

/**
 * COOKIE_SECURE: `true` marks the session cookie Secure on every answer. Unset, it follows
 * PUBLIC_ORIGIN (https = always Secure); a request that came over TLS (directly, or per a
 * trusted proxy's X-Forwarded-Proto) gets a Secure cookie either way. `false` with an https
 * PUBLIC_ORIGIN contradicts itself and is refused.
 */
export function readCookieSecure(env: Env, publicOrigin: string | null): boolean {
  const isHttpsOrigin = publicOrigin?.startsWith('https:') ?? false;
  const raw = env.COOKIE_SECURE?.trim().toLowerCase();
  if (raw === undefined || raw === '') return isHttpsOrigin;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) {
    if (isHttpsOrigin) throw new ConfigError('COOKIE_SECURE', 'cannot be false while PUBLIC_ORIGIN is https');
    return false;
  }
  throw new ConfigError('COOKIE_SECURE', `must be true or false, got "${env.COOKIE_SECURE}"`);
}
