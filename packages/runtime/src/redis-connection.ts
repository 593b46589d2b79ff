/**
 * The one place every process (API, worker, bridge, scripts) opens a Redis connection: a single
 * server (REDIS_URL) or, with REDIS_SENTINELS, the master that Redis Sentinel names, found again
 * after a failover. BullMQ queues, sessions and pub/sub all go through it, so none of them can
 * miss the Sentinel setting.
 */
import { Redis } from 'ioredis';

export interface RedisSentinelConfig {
  /** REDIS_SENTINELS: the Sentinels to ask for the master, `host:port` each. */
  sentinels: { host: string; port: number }[];
  /** REDIS_SENTINEL_NAME: the master's name in sentinel.conf (`sentinel monitor <name> …`). */
  name: string;
  /** REDIS_SENTINEL_PASSWORD: the Sentinels' own requirepass, if they have one. */
  password?: string;
}

export interface RedisConfig {
  /**
   * REDIS_URL. With Sentinels its host and port are not used: it still gives the master's
   * password, user, database number and TLS (`rediss:`).
   */
  url: string;
  sentinel?: RedisSentinelConfig | null;
}

export interface RedisConnectionOptions {
  /** BullMQ workers, subscribers and the bridge wait for Redis forever; request paths fail fast (the API answers 503). */
  waitForever?: boolean;
  /** CLIENT SETNAME, to tell the processes apart in CLIENT LIST. */
  name?: string;
}

type Fail = (variable: string, detail: string) => Error;
const defaultFail: Fail = (variable, detail) => new Error(`Invalid configuration: ${variable} ${detail}`);

function readSentinelAddress(part: string, fail: Fail): { host: string; port: number } {
  const match = /^(\[[0-9a-f:]+\]|[\w.-]+):(\d{1,5})$/i.exec(part);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw fail('REDIS_SENTINELS', `must list Sentinels as host:port separated by commas, got "${part}"`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/**
 * REDIS_SENTINELS, REDIS_SENTINEL_NAME and REDIS_SENTINEL_PASSWORD; null when no Sentinels are set.
 * `fail` builds the process's own configuration error (it names the variable).
 */
export function readRedisSentinel(env: Record<string, string | undefined>, fail: Fail = defaultFail): RedisSentinelConfig | null {
  const raw = env.REDIS_SENTINELS?.trim();
  const name = env.REDIS_SENTINEL_NAME?.trim();
  const password = env.REDIS_SENTINEL_PASSWORD || undefined;
  if (!raw) {
    if (name) throw fail('REDIS_SENTINEL_NAME', 'is set but REDIS_SENTINELS is not: list the Sentinels (host:port,host:port)');
    if (password) throw fail('REDIS_SENTINEL_PASSWORD', 'is set but REDIS_SENTINELS is not');
    return null;
  }
  const sentinels = raw.split(',').map((part) => part.trim()).filter(Boolean).map((part) => readSentinelAddress(part, fail));
  if (!name) throw fail('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master name of `sentinel monitor`)');
  if (!/^[\w.-]{1,64}$/.test(name)) throw fail('REDIS_SENTINEL_NAME', `may hold only letters, digits, ".", "_" and "-", got "${name}"`);
  return { sentinels, name, ...(password ? { password } : {}) };
}

/** Opens a Redis connection (lazily: the first command connects). */
export function createRedis(config: RedisConfig, options: RedisConnectionOptions = {}): Redis {
  const sentinel = config.sentinel;
  const redis = new Redis(config.url, {
    connectionName: options.name,
    maxRetriesPerRequest: options.waitForever ? null : 2,
    enableOfflineQueue: true,
    lazyConnect: true,
    ...(sentinel
      ? {
        sentinels: sentinel.sentinels,
        name: sentinel.name,
        ...(sentinel.password ? { sentinelPassword: sentinel.password } : {}),
        // Sentinel's +switch-master reaches us at once instead of at the next failed command.
        failoverDetector: true,
        // A demoted master answers READONLY until Sentinel's CLIENT KILL: reconnect (to the new
        // master) and send the command again rather than fail it.
        reconnectOnError: (error: Error) => (error.message.startsWith('READONLY') ? 2 : false),
      }
      : {}),
  });
  // ioredis reconnects by itself; without a listener each failed attempt is printed as "unhandled".
  redis.on('error', () => undefined);
  return redis;
}
