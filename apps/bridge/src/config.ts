import { readRedisSentinel, type RedisConfig } from '@yixian/runtime';

/** The bridge's environment, read once and checked (STYLE.md: one config module). */
export interface BridgeConfig {
  amiUrl: string;
  /**
   * The AMI login that writes AstDB (hotlines, work calendar): manager.conf `[yixian-config]`,
   * write class `system` only. Unset: the main login is used (the simulator; a real PBX refuses).
   */
  amiConfigUrl?: string;
  /** REDIS_URL, and the Sentinels when Redis runs under Sentinel (REDIS_SENTINELS, …). */
  redis: RedisConfig;
  redisPrefix: string;
  /** Names this PBX in job ids, call records and the command queue. */
  pbxId: string;
  queue: string;
  logLevel: string;
}

export class BridgeConfigError extends Error {
  constructor(variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'BridgeConfigError';
  }
}

export function loadBridgeConfig(env: Record<string, string | undefined> = process.env): BridgeConfig {
  const amiUrl = env.AMI_URL;
  if (!amiUrl) throw new BridgeConfigError('AMI_URL', 'is required (ami://user:secret@host:5038)');
  if (!amiUrl.startsWith('ami://')) throw new BridgeConfigError('AMI_URL', 'must start with ami://');
  const amiConfigUrl = env.AMI_CONFIG_URL || undefined;
  if (amiConfigUrl && !amiConfigUrl.startsWith('ami://')) throw new BridgeConfigError('AMI_CONFIG_URL', 'must start with ami://');
  const redisUrl = env.REDIS_URL;
  if (!redisUrl) throw new BridgeConfigError('REDIS_URL', 'is required');
  const pbxId = env.PBX_ID || 'default';
  if (!/^[\w-]{1,32}$/.test(pbxId)) throw new BridgeConfigError('PBX_ID', 'may hold only letters, digits, "_" and "-" (at most 32)');
  return {
    amiUrl,
    ...(amiConfigUrl ? { amiConfigUrl } : {}),
    redis: { url: redisUrl, sentinel: readRedisSentinel(env, (variable, detail) => new BridgeConfigError(variable, detail)) },
    redisPrefix: env.REDIS_PREFIX || 'yx:',
    pbxId,
    queue: env.AMI_QUEUE || 'hotline',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
