import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const BASE = { DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig(BASE)).toMatchObject({ port: 3000, sessionIdleMinutes: 30, redisPrefix: 'yx:', amiUrl: null, recordingsDir: '/var/spool/asterisk/monitor/yixian' });
  });

  it('keeps attachments under .data/attachments by default, 10 MB and 9 files an act, unbound uploads 24 hours', () => {
    expect(loadConfig(BASE).attachments).toEqual({ dir: `${process.cwd()}/.data/attachments`, maxBytes: 10 * 1024 * 1024, maxFiles: 9, orphanHours: 24 });
    expect(loadConfig({ ...BASE, ATTACHMENTS_DIR: '/srv/files/', ATTACHMENT_MAX_BYTES: '2048', ATTACHMENT_MAX_FILES: '3', ATTACHMENT_ORPHAN_HOURS: '48' }).attachments)
      .toEqual({ dir: '/srv/files', maxBytes: 2048, maxFiles: 3, orphanHours: 48 });
  });

  it('keeps idempotency keys 7 days by default, longer when asked', () => {
    expect(loadConfig(BASE).idempotencyKeyDays).toBe(7);
    expect(loadConfig({ ...BASE, IDEMPOTENCY_KEY_DAYS: '30' }).idempotencyKeyDays).toBe(30);
  });

  it('reads the reply review override: unset = the table, a list, or none', () => {
    expect(loadConfig(BASE).replyReviewChannels).toBeNull();
    expect(loadConfig({ ...BASE, REPLY_REVIEW_CHANNELS: 'mailbox, web' }).replyReviewChannels).toEqual(['mailbox', 'web']);
    expect(loadConfig({ ...BASE, REPLY_REVIEW_CHANNELS: 'none' }).replyReviewChannels).toEqual([]);
  });

  it('reads the roles that require a second factor: none in the demo, the powerful four in production, or a list', () => {
    expect(loadConfig(BASE).mfaRequiredRoles).toEqual([]);
    expect(loadConfig({ ...BASE, YIXIAN_MODE: 'production' }).mfaRequiredRoles).toEqual(['admin', 'auditor', 'commander', 'shift_lead']);
    expect(loadConfig({ ...BASE, MFA_REQUIRED_ROLES: 'agent, shift_lead' }).mfaRequiredRoles).toEqual(['agent', 'shift_lead']);
    expect(loadConfig({ ...BASE, YIXIAN_MODE: 'production', MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([]);
  });

  it('reads the edge: trusted proxies as a list, the public origin, and a Secure cookie behind https', () => {
    expect(loadConfig(BASE)).toMatchObject({ trustProxy: [], publicOrigin: null, cookieSecure: false, loginRateLimitPerMinute: 20 });
    expect(loadConfig({ ...BASE, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'loopback']);
    expect(loadConfig({ ...BASE, TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
    expect(loadConfig({ ...BASE, PUBLIC_ORIGIN: 'https://12345.example.gov.cn/' })).toMatchObject({ publicOrigin: 'https://12345.example.gov.cn', cookieSecure: true });
    expect(loadConfig({ ...BASE, PUBLIC_ORIGIN: 'http://10.1.1.1:3000' })).toMatchObject({ publicOrigin: 'http://10.1.1.1:3000', cookieSecure: false });
    expect(loadConfig({ ...BASE, COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });

  it('reads the replica for the figures: none by default, else its URL', () => {
    expect(loadConfig(BASE).databaseReplicaUrl).toBeNull();
    expect(loadConfig({ ...BASE, DATABASE_REPLICA_URL: 'postgresql://u@10.0.0.9:5432/db' }).databaseReplicaUrl).toBe('postgresql://u@10.0.0.9:5432/db');
  });

  it('reads Redis Sentinel: none by default; the Sentinels, the master name and their password when set', () => {
    expect(loadConfig(BASE).redis).toEqual({ url: 'redis://127.0.0.1:6379', sentinel: null });
    const env = { ...BASE, REDIS_SENTINELS: '10.0.0.1:26379, sentinel-2.local:26380,[::1]:26381', REDIS_SENTINEL_NAME: 'yixian', REDIS_SENTINEL_PASSWORD: 'sentinel-secret' };
    expect(loadConfig(env).redis.sentinel).toEqual({
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-2.local', port: 26380 }, { host: '::1', port: 26381 }],
      name: 'yixian',
      password: 'sentinel-secret',
    });
  });

  it('reads who may scrape /metrics: nobody by default, a token, addresses, or both', () => {
    expect(loadConfig(BASE).metrics).toEqual({ token: null, allow: [], enabled: false });
    const token = 'a'.repeat(24);
    expect(loadConfig({ ...BASE, METRICS_TOKEN: token }).metrics).toEqual({ token, allow: [], enabled: true });
    expect(loadConfig({ ...BASE, METRICS_ALLOW: '10.0.5.20, 192.168.1.0/24,::1' }).metrics).toEqual({ token: null, allow: ['10.0.5.20', '192.168.1.0/24', '::1'], enabled: true });
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 24 characters'],
    [{ METRICS_TOKEN: `${'a'.repeat(24)} b` }, 'METRICS_TOKEN may hold only printable ASCII without spaces'],
    [{ METRICS_ALLOW: '10.0.0.0/8,prometheus.local' }, 'METRICS_ALLOW must list addresses or CIDRs (e.g. "10.0.5.20,192.168.1.0/24"), got "prometheus.local"'],
    [{ METRICS_ALLOW: '10.0.0.0/40' }, 'got "10.0.0.0/40"'],
  ])('refuses the metrics setting %j naming the variable', (override, message) => {
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(message);
  });

  it.each([
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY must list the proxies\' addresses or CIDRs'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must list addresses, CIDRs or loopback/linklocal/uniquelocal, got "10.0.0.0/33"'],
    [{ TRUST_PROXY: '127.0.0.1,proxy.local' }, 'got "proxy.local"'],
    [{ PUBLIC_ORIGIN: 'https://12345.example.gov.cn/console' }, 'PUBLIC_ORIGIN must be a scheme and host only'],
    [{ PUBLIC_ORIGIN: 'ftp://x' }, 'PUBLIC_ORIGIN must use https: or http:'],
    [{ PUBLIC_ORIGIN: 'example.gov.cn' }, 'PUBLIC_ORIGIN is not a valid URL'],
    [{ PUBLIC_ORIGIN: 'https://x.gov.cn', COOKIE_SECURE: 'false' }, 'COOKIE_SECURE cannot be false while PUBLIC_ORIGIN is https'],
    [{ LOGIN_RATE_LIMIT: '0' }, 'LOGIN_RATE_LIMIT must be a whole number from 1 to 10000'],
  ])('refuses the edge setting %j naming the variable', (override, message) => {
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(message);
  });

  it.each([
    [{ MFA_REQUIRED_ROLES: 'admin,root' }, 'MFA_REQUIRED_ROLES must list roles'],
    [{ DATABASE_URL: '' }, 'DATABASE_URL is required'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must use postgres: or postgresql:'],
    [{ DATABASE_REPLICA_URL: 'replica-host:5432' }, 'DATABASE_REPLICA_URL must use postgres: or postgresql:'],
    [{ DATABASE_REPLICA_URL: 'not a url' }, 'DATABASE_REPLICA_URL is not a valid URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL is not a valid URL'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535'],
    [{ SESSION_IDLE_MINUTES: 'soon' }, 'SESSION_IDLE_MINUTES must be a whole number'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE must be true or false'],
    [{ AMI_URL: 'http://pbx' }, 'AMI_URL must use ami:'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ REDIS_PREFIX: 'bad prefix!' }, 'REDIS_PREFIX may hold only'],
    [{ REDIS_SENTINELS: '10.0.0.1', REDIS_SENTINEL_NAME: 'yixian' }, 'REDIS_SENTINELS must list Sentinels as host:port separated by commas, got "10.0.0.1"'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:99999', REDIS_SENTINEL_NAME: 'yixian' }, 'got "10.0.0.2:99999"'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379' }, 'REDIS_SENTINEL_NAME is required with REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_SENTINEL_NAME: 'my master' }, 'REDIS_SENTINEL_NAME may hold only'],
    [{ REDIS_SENTINEL_NAME: 'yixian' }, 'REDIS_SENTINEL_NAME is set but REDIS_SENTINELS is not'],
    [{ REDIS_SENTINEL_PASSWORD: 'x' }, 'REDIS_SENTINEL_PASSWORD is set but REDIS_SENTINELS is not'],
    [{ RECORDINGS_DIR: 'recordings' }, 'RECORDINGS_DIR must be an absolute folder path'],
    [{ RECORDINGS_DIR: '/' }, 'RECORDINGS_DIR must not be the root folder'],
    [{ REPLY_REVIEW_CHANNELS: 'mailbox,fax' }, 'REPLY_REVIEW_CHANNELS must list channels'],
    [{ ATTACHMENTS_DIR: 'files' }, 'ATTACHMENTS_DIR must be an absolute folder path'],
    [{ ATTACHMENTS_DIR: '/' }, 'ATTACHMENTS_DIR must not be the root folder'],
    [{ ATTACHMENT_MAX_BYTES: '10MB' }, 'ATTACHMENT_MAX_BYTES must be a whole number from 1024'],
    [{ ATTACHMENT_MAX_FILES: '0' }, 'ATTACHMENT_MAX_FILES must be a whole number from 1 to 50'],
    [{ ATTACHMENT_ORPHAN_HOURS: '0' }, 'ATTACHMENT_ORPHAN_HOURS must be a whole number from 1 to 8760, got "0"'],
    [{ ATTACHMENT_ORPHAN_HOURS: '1.5' }, 'ATTACHMENT_ORPHAN_HOURS must be a whole number'],
    [{ IDEMPOTENCY_KEY_DAYS: 'week' }, 'IDEMPOTENCY_KEY_DAYS must be a whole number from 1 to 365, got "week"'],
    [{ IDEMPOTENCY_KEY_DAYS: '0' }, 'IDEMPOTENCY_KEY_DAYS must be a whole number from 1 to 365'],
  ])('refuses %j naming the variable', (override, message) => {
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(message);
  });
});
