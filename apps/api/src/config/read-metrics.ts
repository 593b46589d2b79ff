/**
 * Who may read `/metrics` (the Prometheus scrape, plugins/metrics.ts): METRICS_TOKEN, a bearer
 * token the scraper sends, and/or METRICS_ALLOW, the addresses or CIDRs it scrapes from (the
 * client address as TRUST_PROXY resolves it). With both set a scrape must pass both; with
 * neither, `/metrics` answers 404 as if it did not exist. Read by config.ts; each bad value
 * names its variable.
 */
import { ConfigError, type Env } from './config-error.js';
import { isAddressOrCidr } from './read-edges.js';

export interface MetricsAccessConfig {
  /** METRICS_TOKEN: the bearer token a scrape must carry; null = no token asked. */
  token: string | null;
  /** METRICS_ALLOW: addresses and CIDRs a scrape may come from; empty = any address. */
  allow: string[];
  /** Either is set: `/metrics` is served. */
  enabled: boolean;
}

/** Shorter tokens are guessable; Prometheus reads it from a file (`credentials_file`), so length costs nothing. */
export const METRICS_TOKEN_MIN_LENGTH = 24;

export function readMetricsAccess(env: Env): MetricsAccessConfig {
  const token = env.METRICS_TOKEN?.trim() || null;
  if (token !== null) {
    if (token.length < METRICS_TOKEN_MIN_LENGTH) throw new ConfigError('METRICS_TOKEN', `must be at least ${METRICS_TOKEN_MIN_LENGTH} characters (e.g. openssl rand -hex 24), got ${token.length}`);
    if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigError('METRICS_TOKEN', 'may hold only printable ASCII without spaces (it travels in an Authorization header)');
  }
  const allow = (env.METRICS_ALLOW ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = allow.find((entry) => !isAddressOrCidr(entry));
  if (wrong !== undefined) throw new ConfigError('METRICS_ALLOW', `must list addresses or CIDRs (e.g. "10.0.5.20,192.168.1.0/24"), got "${wrong}"`);
  return { token, allow: [...new Set(allow)], enabled: token !== null || allow.length > 0 };
}
