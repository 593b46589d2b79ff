import { describe, expect, it } from 'vitest';
import { BridgeConfigError, loadBridgeConfig } from './config.js';

const BASE = { AMI_URL: 'ami://yixian:secret@127.0.0.1:5038', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadBridgeConfig', () => {
  it('opens Redis like the API: REDIS_URL alone, or the Sentinels that name its master', () => {
    expect(loadBridgeConfig(BASE).redis).toEqual({ url: 'redis://127.0.0.1:6379', sentinel: null });
    expect(loadBridgeConfig({ ...BASE, REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:26379', REDIS_SENTINEL_NAME: 'yixian' }).redis.sentinel)
      .toEqual({ sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: '10.0.0.2', port: 26379 }], name: 'yixian' });
  });

  it.each([
    [{ REDIS_URL: '' }, 'REDIS_URL is required'],
    [{ REDIS_SENTINELS: '10.0.0.1', REDIS_SENTINEL_NAME: 'yixian' }, 'REDIS_SENTINELS must list Sentinels as host:port'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379' }, 'REDIS_SENTINEL_NAME is required with REDIS_SENTINELS'],
  ])('refuses %j naming the variable', (override, message) => {
    expect(() => loadBridgeConfig({ ...BASE, ...override })).toThrow(BridgeConfigError);
    expect(() => loadBridgeConfig({ ...BASE, ...override })).toThrow(message);
  });
});
