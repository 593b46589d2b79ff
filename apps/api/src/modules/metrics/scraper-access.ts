/**
 * Whether a request may read `/metrics`: from an address METRICS_ALLOW lists (when set) and with
 * the bearer token METRICS_TOKEN (when set). Tokens are compared through their SHA-256 digests
 * in constant time, so neither the length nor a prefix of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { MetricsAccessConfig } from '../../config/read-metrics.js';

export type ScraperRefusal = 'address_not_allowed' | 'token_missing' | 'token_wrong';

/** The allowed addresses as a matcher (Node's BlockList, used here as an allow list). */
function compileAllowList(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A checker for the configured access; returns why a scrape is refused, or null when it may read. */
export function createScraperCheck(access: MetricsAccessConfig) {
  const allowList = compileAllowList(access.allow);
  const tokenDigest = access.token === null ? null : digest(access.token);
  return (ip: string, authorization: string | undefined): ScraperRefusal | null => {
    if (allowList) {
      // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
      const address = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
      if (!allowList.check(address, isIPv4(address) ? 'ipv4' : 'ipv6')) return 'address_not_allowed';
    }
    if (tokenDigest) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) return 'token_missing';
      if (!timingSafeEqual(digest(match[1]!), tokenDigest)) return 'token_wrong';
    }
    return null;
  };
}
