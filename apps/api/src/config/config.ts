/**
 * All environment is read here, once, and checked at boot (STYLE.md: one config module).
 * A bad value stops the process with a message naming the variable.
 */
import { isAbsolute, resolve } from 'node:path';
import { readMode, readRedisSentinel, type RedisConfig, type YixianMode } from '@yixian/runtime';
import { CHANNEL_VALUES, isChannel, type Channel, type Role } from '@yixian/domain';
import { ConfigError, type Env } from './config-error.js';
import { readMfaRequiredRoles } from './mfa-roles.js';
import { readCookieSecure, readPublicOrigin, readTrustProxy } from './read-edges.js';
import { readTiles, type TilesConfig } from './read-tiles.js';
import { readMetricsAccess, type MetricsAccessConfig } from './read-metrics.js';

export { ConfigError };

export interface AppConfig {
  /** YIXIAN_MODE: `demo` (npm start) or `production` (refuses insecure settings at start: production-checks.ts). */
  mode: YixianMode;
  port: number;
  host: string;
  databaseUrl: string;
  /**
   * DATABASE_REPLICA_URL: a streaming replica of DATABASE_URL that the heavy read-only figures
   * (statistics, drill-downs, monthly reports, assessment runs) read from; null = they read the primary.
   */
  databaseReplicaUrl: string | null;
  /** REDIS_URL, and REDIS_SENTINELS / REDIS_SENTINEL_NAME / REDIS_SENTINEL_PASSWORD when Redis runs under Sentinel. */
  redis: RedisConfig;
  /** Prefix of every Redis key and BullMQ queue this deployment owns. */
  redisPrefix: string;
  sessionIdleMinutes: number;
  /**
   * PUBLIC_ORIGIN: the address users open (`https://12345.example.gov.cn`); null = not set.
   * An allowed Origin for `/ws` (besides the request's own host).
   */
  publicOrigin: string | null;
  /** The session cookie is Secure on every answer (COOKIE_SECURE, or an https PUBLIC_ORIGIN); over TLS it always is. */
  cookieSecure: boolean;
  logLevel: string;
  /** Built console served at `/`; absent in API-only deployments. */
  consoleDist: string | null;
  /** TRUST_PROXY: the proxies whose X-Forwarded-* headers are believed (addresses, CIDRs); empty = none. */
  trustProxy: string[];
  /** Sign-in attempts one client address may make per minute (LOGIN_RATE_LIMIT); more get 429. */
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Time for a whole request, body included, to arrive (REQUEST_TIMEOUT_MS): a slow body is cut with 408. */
  requestTimeoutMs: number;
  /** Time for a request's headers to arrive (HEADERS_TIMEOUT_MS, at most REQUEST_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** A socket with no traffic either way is closed after this long (CONNECTION_TIMEOUT_MS). */
  connectionTimeoutMs: number;
  /** An idle kept-alive connection is closed after this long (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Asterisk AMI URL, `ami://user:secret@host:5038`; null = the built-in simulator. */
  amiUrl: string | null;
  /** The PBX an agent's commands go to (the bridge's PBX_ID). */
  pbxId: string;
  /** Queue interface of an agent's phone, `{extension}` filled in: PJSIP/{extension} on a real PBX. */
  agentInterfaceTemplate: string;
  /** How long the API waits for the bridge to run a PBX command. */
  pbxCommandTimeoutMs: number;
  /** Time limit of an agent's after-call work (a pause with reason after_call_work) before it ends by itself. */
  afterCallWorkSeconds: number;
  /** Where the PBX's call recordings are read from (Asterisk's RECORDING_DIR, mounted read-only). */
  recordingsDir: string;
  /** The PBX's CDR / queue_log database (read-only use); null = the accounting reconciler is off. */
  accountingDatabaseUrl: string | null;
  /** Wallboard queue alarms: longest wait (s), service level (fraction) over a window (min). */
  queueAlarms: { waitSeconds: number; serviceLevel: number; windowMinutes: number };
  /**
   * REPLY_REVIEW_CHANNELS: the channels whose replies wait for the centre's review (`mailbox,web`,
   * or `none`), overriding the `channel_setting` table; null = the table decides.
   */
  replyReviewChannels: Channel[] | null;
  /** Worklists (回拨 / 回访): failed attempts after which a case leaves its list (CALLBACK_MAX_ATTEMPTS). */
  callbackMaxAttempts: number;
  /** Least time between two attempts on one case (CALLBACK_RETRY_MINUTES). */
  callbackRetryMinutes: number;
  /** How far back missed and abandoned calls are offered for a call-back (CALLBACK_WINDOW_DAYS). */
  callbackWindowDays: number;
  /** Roles that must sign in with a second factor (MFA_REQUIRED_ROLES; see mfa-roles.ts). */
  mfaRequiredRoles: Role[];
  /** Files carried by ticket acts (modules/attachments/README.md). */
  attachments: AttachmentsConfig;
  /** The phone app's map tiles (TILE_URL, TILE_ATTRIBUTION; read-tiles.ts); no TILE_URL = no tiles. */
  map: TilesConfig;
  /**
   * IDEMPOTENCY_KEY_DAYS: how long an `Idempotency-Key` (a phone's, an intake's) is kept (default 7):
   * longer than a phone may stay offline with a report or an act waiting to be sent again.
   */
  idempotencyKeyDays: number;
  /** DUTY_GAP_LOOKAHEAD_HOURS: how far ahead a tier-1 roster must be covered before a gap alarms (default 24). */
  dutyGapLookaheadHours: number;
  /** WARNING_REMIND_MINUTES: how long a published warning waits for a recipient's acknowledgement before each reminder (default 30; at most 3 reminders). */
  warningRemindMinutes: number;
  /** Who may scrape `/metrics` (METRICS_TOKEN, METRICS_ALLOW; read-metrics.ts); neither set = no `/metrics`. */
  metrics: MetricsAccessConfig;
}

export interface AttachmentsConfig {
  /** ATTACHMENTS_DIR: where the files are kept by their sha256 (default `.data/attachments` under the working folder). */
  dir: string;
  /** ATTACHMENT_MAX_BYTES: the largest file one may upload (default 10 MB). */
  maxBytes: number;
  /** ATTACHMENT_MAX_FILES: the most files one act (a reply, a return, a report) may carry (default 9). */
  maxFiles: number;
  /** ATTACHMENT_ORPHAN_HOURS: how long an upload no act carries is kept before the daily sweep removes it (default 24). */
  orphanHours: number;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readUrl(env: Env, name: string, protocols: string[], required: boolean): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (required) throw new ConfigError(name, 'is required');
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

function readPbxId(env: Env): string {
  const value = env.PBX_ID || 'default';
  if (!/^[\w-]{1,32}$/.test(value)) throw new ConfigError('PBX_ID', 'may hold only letters, digits, "_" and "-" (at most 32)');
  return value;
}

function readInterfaceTemplate(env: Env): string {
  const value = env.AGENT_INTERFACE_TEMPLATE || 'PJSIP/{extension}';
  if (!value.includes('{extension}')) throw new ConfigError('AGENT_INTERFACE_TEMPLATE', 'must contain {extension}');
  return value;
}

function readRecordingsDir(env: Env): string {
  const raw = env.RECORDINGS_DIR || '/var/spool/asterisk/monitor/yixian';
  if (!isAbsolute(raw) || raw.includes('\0')) throw new ConfigError('RECORDINGS_DIR', `must be an absolute folder path, got "${raw}"`);
  const value = resolve(raw);
  if (value === '/') throw new ConfigError('RECORDINGS_DIR', 'must not be the root folder');
  return value;
}

function readAttachments(env: Env): AttachmentsConfig {
  const raw = env.ATTACHMENTS_DIR;
  if (raw !== undefined && raw !== '' && (!isAbsolute(raw) || raw.includes('\0'))) {
    throw new ConfigError('ATTACHMENTS_DIR', `must be an absolute folder path, got "${raw}"`);
  }
  const dir = resolve(raw || '.data/attachments');
  if (dir === '/') throw new ConfigError('ATTACHMENTS_DIR', 'must not be the root folder');
  return {
    dir,
    maxBytes: readInt(env, 'ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxFiles: readInt(env, 'ATTACHMENT_MAX_FILES', 9, 1, 50),
    orphanHours: readInt(env, 'ATTACHMENT_ORPHAN_HOURS', 24, 1, 24 * 365),
  };
}

function readReplyReviewChannels(env: Env): Channel[] | null {
  const raw = env.REPLY_REVIEW_CHANNELS?.trim();
  if (!raw) return null;
  if (raw === 'none') return [];
  const channels = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = channels.find((channel) => !isChannel(channel));
  if (wrong !== undefined) throw new ConfigError('REPLY_REVIEW_CHANNELS', `must list channels (${CHANNEL_VALUES.join(', ')}) or be "none", got "${wrong}"`);
  return [...new Set(channels)] as Channel[];
}

function readTimeouts(env: Env): Pick<AppConfig, 'requestTimeoutMs' | 'headersTimeoutMs' | 'connectionTimeoutMs' | 'keepAliveTimeoutMs'> {
  const requestTimeoutMs = readInt(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000);
  const headersTimeoutMs = readInt(env, 'HEADERS_TIMEOUT_MS', Math.min(10_000, requestTimeoutMs), 1000, 600_000);
  // Node refuses a headers limit beyond the whole request's.
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HEADERS_TIMEOUT_MS', `must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return {
    requestTimeoutMs,
    headersTimeoutMs,
    connectionTimeoutMs: readInt(env, 'CONNECTION_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    keepAliveTimeoutMs: readInt(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 600_000),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the process environment into an {@link AppConfig}. */
export function loadConfig(env: Env = process.env): AppConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const redisPrefix = env.REDIS_PREFIX || 'yx:';
  if (!/^[\w:.-]{1,64}$/.test(redisPrefix)) {
    throw new ConfigError('REDIS_PREFIX', 'may hold only letters, digits, ":", ".", "_" and "-"');
  }
  const publicOrigin = readPublicOrigin(env);
  const consoleDist = env.CONSOLE_DIST === 'none' ? null : resolve(env.CONSOLE_DIST || 'apps/console/dist');
  return {
    mode: readMode(env),
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], true)!,
    databaseReplicaUrl: readUrl(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:'], false),
    redis: {
      url: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], true)!,
      sentinel: readRedisSentinel(env, (variable, detail) => new ConfigError(variable, detail)),
    },
    redisPrefix,
    sessionIdleMinutes: readInt(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    publicOrigin,
    cookieSecure: readCookieSecure(env, publicOrigin),
    logLevel,
    consoleDist,
    trustProxy: readTrustProxy(env),
    loginRateLimitPerMinute: readInt(env, 'LOGIN_RATE_LIMIT', 20, 1, 10_000),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    ...readTimeouts(env),
    amiUrl: readUrl(env, 'AMI_URL', ['ami:'], false),
    pbxId: readPbxId(env),
    agentInterfaceTemplate: readInterfaceTemplate(env),
    pbxCommandTimeoutMs: readInt(env, 'PBX_COMMAND_TIMEOUT_MS', 10_000, 100, 120_000),
    afterCallWorkSeconds: readInt(env, 'AFTER_CALL_WORK_SECONDS', 60, 1, 3600),
    recordingsDir: readRecordingsDir(env),
    accountingDatabaseUrl: readUrl(env, 'ACCOUNTING_DATABASE_URL', ['postgres:', 'postgresql:'], false),
    queueAlarms: {
      waitSeconds: readInt(env, 'QUEUE_ALARM_WAIT_SECONDS', 15, 1, 3600),
      serviceLevel: readInt(env, 'QUEUE_ALARM_SERVICE_LEVEL_PERCENT', 80, 1, 100) / 100,
      windowMinutes: readInt(env, 'QUEUE_ALARM_WINDOW_MINUTES', 15, 1, 24 * 60),
    },
    replyReviewChannels: readReplyReviewChannels(env),
    callbackMaxAttempts: readInt(env, 'CALLBACK_MAX_ATTEMPTS', 3, 1, 20),
    callbackRetryMinutes: readInt(env, 'CALLBACK_RETRY_MINUTES', 10, 0, 24 * 60),
    callbackWindowDays: readInt(env, 'CALLBACK_WINDOW_DAYS', 7, 1, 90),
    mfaRequiredRoles: readMfaRequiredRoles(env),
    attachments: readAttachments(env),
    map: readTiles(env),
    idempotencyKeyDays: readInt(env, 'IDEMPOTENCY_KEY_DAYS', 7, 1, 365),
    dutyGapLookaheadHours: readInt(env, 'DUTY_GAP_LOOKAHEAD_HOURS', 24, 1, 24 * 14),
    warningRemindMinutes: readInt(env, 'WARNING_REMIND_MINUTES', 30, 1, 24 * 60),
    metrics: readMetricsAccess(env),
  };
}
