export { createTestDatabase, resolveTestServerUrl, type TestDatabase, type CreateTestDatabaseOptions } from './create-test-database'
export { createRedisPrefix, resolveTestRedisUrl, type RedisPrefix } from './create-redis-prefix'
export { hashMigrations } from './hash-migrations'
