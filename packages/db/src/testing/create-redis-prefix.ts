import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

export type RedisPrefix = {
  /** Redis URL the test should use. */
  url: string
  /** A random key prefix (`test-<uuid>`), e.g. BullMQ's `prefix` option. */
  prefix: string
  /** `<prefix>:<name>`, for tests that write keys directly. */
  key: (name: string) => string
  /** Deletes every key under the prefix; resolves to how many were deleted. */
  cleanup: () => Promise<number>
}

/** The Redis tests use: TEST_REDIS_URL, else REDIS_URL, else the local default. */
export function resolveTestRedisUrl(): string {
  return process.env.TEST_REDIS_URL || process.env.REDIS_URL || DEFAULT_REDIS_URL
}

/**
 * Isolates one test suite's Redis keys on a shared server: everything the suite writes goes under a
 * random prefix, and `cleanup()` (in afterAll) removes exactly those keys, nothing else.
 */
export function createRedisPrefix(): RedisPrefix {
  const url = resolveTestRedisUrl()
  const prefix = `test-${randomUUID()}`
  const cleanup = async (): Promise<number> => {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
    try {
      await redis.connect()
      let deleted = 0
      let cursor = '0'
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
        cursor = next
        if (keys.length > 0) deleted += await redis.unlink(...keys)
      } while (cursor !== '0')
      return deleted
    } finally {
      redis.disconnect()
    }
  }
  return { url, prefix, key: (name) => `${prefix}:${name}`, cleanup }
}
