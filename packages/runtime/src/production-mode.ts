/**
 * Demo mode and production mode. `npm start` is a demo (demo accounts, the PBX simulator);
 * `YIXIAN_MODE=production` makes every process (API, worker, bridge, and the start command) refuse
 * to start while anything insecure is left: each check returns its problems as sentences saying
 * what to set, and the refusal lists them all at once. The API's list is
 * apps/api/src/config/production-checks.ts; the bridge's is apps/bridge/src/production-checks.ts.
 */

export type YixianMode = 'demo' | 'production';

/** YIXIAN_MODE: `production`, or `demo` (the default); anything else is refused. */
export function readMode(env: Record<string, string | undefined> = process.env): YixianMode {
  const raw = env.YIXIAN_MODE?.trim() || 'demo';
  if (raw !== 'demo' && raw !== 'production') throw new Error(`Invalid configuration: YIXIAN_MODE must be demo or production, got "${raw}"`);
  return raw;
}

/** Secrets that ship with Yixian's demo and test set-ups (and the usual guesses): never in production. */
export const KNOWN_DEFAULT_SECRETS = new Set(['yixian', 'yixian-demo', 'yixian-simulator', 'postgres', 'password', 'secret', 'changeme', 'admin', 'redis']);

/** What an operator runs to give bulk-created accounts their own one-time passwords (named by the seed and the start checks). */
export const INITIAL_PASSWORDS_COMMAND = 'give each its own one-time password with `npm run accounts:initial-passwords -- --out initial-passwords.xlsx` (DATABASE_URL, REDIS_URL)';

/** The least length of a secret in a URL (telephony/README.md asks AMI_SECRET for ≥ 16). */
export const MIN_SECRET_LENGTH = 16;

/**
 * Problems with the secret in a service URL (`scheme://user:secret@host`): missing, a known
 * default, or shorter than 16 characters. `name` is the variable, for the message.
 */
export function findUrlSecretProblems(name: string, raw: string | null | undefined, options: { required: boolean }): string[] {
  if (!raw) return options.required ? [`${name} is not set`] : [];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [`${name} is not a valid URL`];
  }
  const secret = decodeURIComponent(url.password);
  if (!secret) return [`${name} has no password: give its account a secret of at least ${MIN_SECRET_LENGTH} characters and put it in the URL`];
  if (KNOWN_DEFAULT_SECRETS.has(secret.toLowerCase())) return [`${name} uses a default password ("${secret}"): set a secret of your own`];
  if ([...secret].length < MIN_SECRET_LENGTH) return [`${name}'s password is shorter than ${MIN_SECRET_LENGTH} characters`];
  return [];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

/** A Redis on another host that asks for no password: anyone reaching it could mint sessions. */
export function findOpenRedisProblems(name: string, raw: string): string[] {
  const url = new URL(raw);
  if (url.password || LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.')) return [];
  return [`${name} points at ${url.hostname} without a password: set Redis's requirepass and put it in the URL (redis://:password@${url.hostname}:${url.port || '6379'})`];
}

export class ProductionModeError extends Error {
  constructor(readonly processName: string, readonly problems: string[]) {
    super(`${processName} refuses to start in production mode (YIXIAN_MODE=production):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ProductionModeError';
  }
}

/** Throws a ProductionModeError naming every problem found; returns when there are none. */
export function refuseOnProblems(processName: string, problems: string[]): void {
  if (problems.length > 0) throw new ProductionModeError(processName, problems);
}
