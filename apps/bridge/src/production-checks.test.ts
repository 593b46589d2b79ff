import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertBridgeProductionReady, findBridgeProblems } from './production-checks.js';

describe('the bridge in production mode', () => {
  it('refuses the simulator\'s secret and an open Redis on another host, and starts in demo mode', () => {
    const demo = { amiUrl: 'ami://yixian:yixian-simulator@127.0.0.1:15038', redis: { url: 'redis://10.0.0.5:6379' } };
    expect(findBridgeProblems(demo).join('\n')).toMatch(/AMI_URL uses a default password[\s\S]*REDIS_URL points at 10\.0\.0\.5 without a password/);
    expect(() => assertBridgeProductionReady(demo, {})).not.toThrow();
    expect(() => assertBridgeProductionReady(demo, { YIXIAN_MODE: 'production' })).toThrow(/bridge refuses to start/);
    expect(findBridgeProblems({ amiUrl: 'ami://yixian:Ra9-long-ami-secret-77@pbx:5038', redis: { url: 'redis://127.0.0.1:6379' } })).toEqual([]);
  });

  it('stops the bridge process, exit code 1, saying why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/bridge/src/main.ts'], {
      env: { PATH: process.env.PATH, YIXIAN_MODE: 'production', AMI_URL: 'ami://yixian:yixian-simulator@127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:6379' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bridge refuses to start in production mode[\s\S]*AMI_URL uses a default password/);
  });
});
