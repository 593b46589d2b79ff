/**
 * pg_dump and pg_restore for the server at hand. pg_dump refuses a server newer than itself, and
 * pg_restore an archive from a newer pg_dump, so the newest copy found is taken when its major
 * version is high enough: PG_DUMP_PATH (the binary or its folder) first, then PATH, then Debian's
 * /usr/lib/postgresql/<major>/bin. The embedded PostgreSQL of `npm start` ships no pg_dump.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';

export interface PgTool {
  path: string;
  major: number;
  version: string;
}

function candidateDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  const explicit = env.PG_DUMP_PATH?.trim();
  if (explicit) dirs.push(existsSync(explicit) && statSync(explicit).isFile() ? dirname(explicit) : explicit);
  dirs.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  if (existsSync(DEBIAN_ROOT)) for (const major of readdirSync(DEBIAN_ROOT)) dirs.push(join(DEBIAN_ROOT, major, 'bin'));
  return [...new Set(dirs)];
}

async function readVersion(path: string): Promise<PgTool | undefined> {
  const { stdout } = await run(path, ['--version']).catch(() => ({ stdout: '' }));
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(stdout);
  return match ? { path, major: Number(match[1]), version: `${match[1]}${match[2] ? `.${match[2]}` : ''}` } : undefined;
}

/** Every copy of `tool` found, newest first. */
export async function findPgTools(tool: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): Promise<PgTool[]> {
  const found: PgTool[] = [];
  const seen = new Set<string>();
  for (const dir of candidateDirs(env)) {
    const path = join(dir, tool);
    // /bin and /usr/bin are one folder on merged-/usr systems: count each real file once.
    if (!existsSync(path) || seen.has(realpathSync(path))) continue;
    seen.add(realpathSync(path));
    const version = await readVersion(path);
    if (version) found.push(version);
  }
  return found.sort((a, b) => b.major - a.major);
}

/** The newest copy of `tool` whose major version is at least `minMajor`, if any. */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', minMajor: number, env: NodeJS.ProcessEnv = process.env): Promise<PgTool | undefined> {
  const [newest] = await findPgTools(tool, env);
  return newest && newest.major >= minMajor ? newest : undefined;
}

/** One sentence: which version is needed, what was found, how to get it. */
export function describeMissingTool(tool: 'pg_dump' | 'pg_restore', minMajor: number, found: PgTool[]): string {
  const seen = found.length > 0 ? `found only ${found.map((t) => `${t.path} (${t.version})`).join(', ')}` : 'none found on PATH or in /usr/lib/postgresql/*/bin';
  return `${tool} ${minMajor} or newer is needed for this PostgreSQL ${minMajor} server (${seen}). Install the client tools `
    + `(Debian/Ubuntu: apt-get install postgresql-client-${minMajor} from apt.postgresql.org; or the PostgreSQL ${minMajor} binaries) `
    + `and set PG_DUMP_PATH to its bin folder if it is not on PATH — or use the built-in format, which needs no binary: --format copy`;
}
