/**
 * The per-process copies of reference data (config-changes/config-cache.ts) across processes: a
 * second API process (`src/server.ts`, its own memory) on the same database and Redis keeps
 * serving its copy of the categories until an administrator's change on the first app reaches it
 * through Redis (`<prefix>config`), and then refuses the disabled category at intake.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, createTestApp, type Session, type TestApp } from './helpers/test-app.js';

const API_DIR = resolve(import.meta.dirname, '..');
const CATEGORY = 'env.noise';

let t: TestApp;
let other: ChildProcess | undefined;
let port = 0;

beforeAll(async () => {
  // Real time: the other process's clock is the system's, and a session must not look idle to it.
  t = await createTestApp({}, { realTime: true });
});
afterAll(async () => {
  if (other && other.exitCode === null) other.kill('SIGKILL');
  await t?.close();
});

/** Starts another API process on the same database and Redis prefix; resolves with its port. */
async function startOtherApi(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env, DATABASE_URL: t.app.config.databaseUrl, REDIS_URL: t.app.config.redis.url, REDIS_PREFIX: t.redisPrefix,
      HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', CONSOLE_DIST: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  other = child;
  let output = '';
  return new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the second API did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const listening = output.match(/listening at http:\/\/127\.0\.0\.1:(\d+)/i);
      if (listening) {
        clearTimeout(timer);
        done(Number(listening[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the second API exited with ${code}: ${output}`)));
  });
}

/** POST /api/tickets on the second process (sessions live in Redis, so A's cookie works there). */
function intakeOnOther(session: Session): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify({ channel: 'web', categoryId: CATEGORY, areaId: 's01g01', title: '噪音', description: '楼下夜间施工' });
  return new Promise((done, fail) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/tickets',
      headers: { ...session.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += String(chunk); });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end(payload);
  });
}

/** Asks until `ok` holds, at most `timeoutMs`: the change travels through Redis to another process. */
async function askUntil<T>(ask: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await ask();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise<void>((done) => setImmediate(done));
  }
}

describe('reference data cached in another API process', () => {
  it('serves its copy until an administrator’s change on this app reaches it through Redis', async () => {
    port = await startOtherApi();
    const agent = await login(t.app, 'demo-agent');
    const admin = await login(t.app, 'demo-admin');
    const first = await intakeOnOther(agent);
    expect(first.status, first.body).toBe(201);

    // Written behind the processes' backs (no announcement): the other process still has its copy.
    await t.prisma.category.update({ where: { id: CATEGORY }, data: { active: false } });
    const unannounced = await intakeOnOther(agent);
    expect(unannounced.status, unannounced.body).toBe(201);
    await t.prisma.category.update({ where: { id: CATEGORY }, data: { active: true } });

    // The administrator disables it on this app: the change is announced on Redis after commit.
    const { version } = await t.prisma.category.findUniqueOrThrow({ where: { id: CATEGORY } });
    const disabled = await t.app.inject({ method: 'POST', url: `/api/admin/categories/${CATEGORY}/disable`, headers: admin.headers, payload: { version } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const refused = await askUntil(() => intakeOnOther(agent), (res) => res.status !== 201, 10_000);
    expect(refused.status, refused.body).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ field: 'categoryId' });
    // And this app refused it at once (its listeners ran before the admin's answer).
    const here = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: agent.headers, payload: { channel: 'web', categoryId: CATEGORY, areaId: 's01g01', title: '噪音', description: '楼下' } });
    expect(here.statusCode).toBe(400);
  }, 120_000);
});
