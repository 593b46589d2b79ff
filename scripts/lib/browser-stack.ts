import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopServices, waitForHttp, type ServiceProcess } from './run.js';
import { buildConsole, dropDatabase, prepareDatabase, startStack, type Services } from './stack.js';
import { ensureChromium } from './chromium.js';

/**
 * Runs `body` against a private running stack for browser tests: a fresh database, its own Redis
 * prefix, a free-ish HTTP port, a simulator on any free AMI port with no demo calls, and a
 * recordings folder. `body` gets the environment the e2e config reads (E2E_BASE_URL, E2E_AMI_URL,
 * E2E_RECORDINGS_DIR). Everything is stopped and dropped afterwards. `district: 'none'` seeds no
 * district (the new-district walk): `body` then also gets the first administrator's one-time
 * password as WALK_ADMIN_ONE_TIME_PASSWORD.
 */
export async function withBrowserStack<T>(
  services: Services,
  body: (env: NodeJS.ProcessEnv) => Promise<T>,
  options: { district?: 'wangcheng' | 'none' } = {},
): Promise<T> {
  let stack: ServiceProcess[] & { amiUrl?: string } = [];
  const database = `yixian_e2e_${randomBytes(4).toString('hex')}`;
  /** The stack's RECORDINGS_DIR: browser tests put the WAV files there that MixMonitor would write. */
  const recordings = mkdtempSync(join(tmpdir(), 'yixian-e2e-recordings-'));
  try {
    await ensureChromium();
    await buildConsole();
    const url = new URL(services.databaseUrl);
    url.pathname = `/${database}`;
    // The stack runs as the tests' app role, as createTestDatabase's databases do: the grants are proven in the browser too.
    const { asTestAppRole } = await import('../../packages/db/src/testing/index.js');
    const appUrl = asTestAppRole(url.href);
    const initialAdminFile = join(recordings, 'initial-admin.json');
    await prepareDatabase(url.href, appUrl, { district: options.district, initialAdminFile });
    const initialAdmin = existsSync(initialAdminFile) ? (JSON.parse(readFileSync(initialAdminFile, 'utf8')) as { oneTimePassword: string }) : null;
    rmSync(initialAdminFile, { force: true });
    const port = 3900 + Math.floor(Math.random() * 900);
    stack = await startStack({
      databaseUrl: appUrl,
      redisUrl: services.redisUrl,
      port,
      redisPrefix: `yxe2e${randomBytes(3).toString('hex')}:`,
      demoCallsPerHour: 0,
      simulatorPort: 0,
      // Every browser signs in from 127.0.0.1; the per-address limit has its own API test.
      extraEnv: { LOG_LEVEL: 'warn', RECORDINGS_DIR: recordings, LOGIN_RATE_LIMIT: '10000' },
    });
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, (status, text) => status === 200 && text.includes('"status":"ok"'), 120_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEST_DATABASE_URL: services.databaseUrl,
      TEST_REDIS_URL: services.redisUrl,
      E2E_BASE_URL: `http://127.0.0.1:${port}`,
      // The stack's own database, for a test that must put a demo account back as it found it.
      E2E_DATABASE_URL: appUrl,
      E2E_AMI_URL: stack.amiUrl ?? '',
      E2E_RECORDINGS_DIR: recordings,
      ...(initialAdmin ? { WALK_ADMIN_ONE_TIME_PASSWORD: initialAdmin.oneTimePassword } : {}),
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    return await body(env);
  } finally {
    await stopServices(stack, 30_000);
    await dropDatabase(services.databaseUrl, database).catch(() => undefined);
    rmSync(recordings, { recursive: true, force: true });
  }
}
