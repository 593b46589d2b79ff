/**
 * The SQL one create (POST /api/tickets as demo-agent) and one dispatch (POST
 * /api/tickets/:id/dispatch as demo-dispatcher) send, listed in order: the API built in this
 * process on a fresh seeded database, a warm-up intake first so that one-off reads (caches,
 * prepared plans) are not counted. `tsx scripts/bench/intake-statements.ts [--json]`; `STATEMENTS_LOG=1`
 * prints the API's error log (a failing create or dispatch).
 */
import { loadConfig } from '../../apps/api/src/config/config.js';
import { buildApp } from '../../apps/api/src/app.js';
import { openSessions } from './lib/api-sessions.js';
import { createBenchDatabase, createBenchRedis } from './lib/bench-services.js';
import { installStatementLog } from './lib/statement-log.js';

export interface IntakeStatements {
  create: string[];
  dispatch: string[];
}

/** Runs one warm-up intake, then records one create and one dispatch. */
export async function listIntakeStatements(): Promise<IntakeStatements> {
  const db = await createBenchDatabase({ seed: true });
  const redis = createBenchRedis();
  const log = installStatementLog();
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, CONSOLE_DIST: 'none', LOG_LEVEL: process.env.STATEMENTS_LOG === '1' ? 'error' : 'silent' });
  const app = await buildApp({ config, logger: process.env.STATEMENTS_LOG === '1' });
  try {
    await app.ready();
    const users = await db.prisma.user.findMany({ where: { username: { in: ['demo-agent', 'demo-dispatcher'] } }, select: { id: true, username: true } });
    const idOf = (name: string) => users.find((u) => u.username === name)?.id ?? '';
    const [agent, dispatcher] = await openSessions(redis.url, redis.prefix, [idOf('demo-agent'), idOf('demo-dispatcher')]);
    const body = { channel: 'web', callerNumber: '13900001111', categoryId: 'env.noise', areaId: 's01g01', title: '基准测试工单', description: '负载测试' };
    const once = async () => {
      const created = await app.inject({ method: 'POST', url: '/api/tickets', headers: agent!.headers, payload: body });
      if (created.statusCode !== 201) throw new Error(`create ${created.statusCode}: ${created.body}`);
      const createStatements = log.take();
      log.start();
      const id = created.json<{ ticket: { id: string } }>().ticket.id;
      const dispatched = await app.inject({ method: 'POST', url: `/api/tickets/${id}/dispatch`, headers: dispatcher!.headers, payload: {} });
      if (dispatched.statusCode !== 200) throw new Error(`dispatch ${dispatched.statusCode}: ${dispatched.body}`);
      return { create: createStatements, dispatch: log.take() };
    };
    log.start();
    await once();
    log.start();
    return await once();
  } finally {
    log.restore();
    await app.close();
    await redis.cleanup();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await listIntakeStatements();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else {
    for (const [name, statements] of Object.entries(result) as [string, string[]][]) {
      console.log(`${name}: ${statements.length} statements`);
      statements.forEach((text, index) => console.log(`  ${index + 1}. ${text.slice(0, 240)}`));
    }
  }
  process.exit(0);
}
