export { createTestDatabase, resolveTestServerUrl, testTemplateName, asTestAppRole, TEST_APP_ROLE, type TestDatabase, type CreateTestDatabaseOptions } from './create-test-database'
export { createRedisPrefix, resolveTestRedisUrl, type RedisPrefix } from './create-redis-prefix'
export { hashMigrations } from './hash-migrations'
