/**
 * The bridge's production-mode checks (packages/runtime/src/production-mode.ts): a real PBX's AMI
 * secret of its own, and a Redis that asks for a password when it is on another host.
 */
import { findOpenRedisProblems, findUrlSecretProblems, readMode, refuseOnProblems } from '@yixian/runtime';
import type { BridgeConfig } from './config.js';

export function findBridgeProblems(config: Pick<BridgeConfig, 'amiUrl' | 'redis'>): string[] {
  const ami = findUrlSecretProblems('AMI_URL', config.amiUrl, { required: true });
  const redisSecret = new URL(config.redis.url).password ? findUrlSecretProblems('REDIS_URL', config.redis.url, { required: true }) : [];
  return [...ami, ...findOpenRedisProblems('REDIS_URL', config.redis.url), ...redisSecret];
}

/** In production mode, throws a ProductionModeError listing every problem. */
export function assertBridgeProductionReady(config: Pick<BridgeConfig, 'amiUrl' | 'redis'>, env: Record<string, string | undefined> = process.env): void {
  if (readMode(env) !== 'production') return;
  refuseOnProblems('bridge', findBridgeProblems(config));
}
