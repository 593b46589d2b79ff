import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** `<dataDir>/secrets`: generated passwords of the private servers, readable by this user only. */
export const secretsDir = (dataDir: string): string => path.join(dataDir, 'secrets')

/** A new random password: 32 URL-safe characters (192 bits), nothing to escape in a URL or a config line. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url')
}

/** The secret kept in `<dataDir>/secrets/<name>`, or undefined when there is none yet. Tightens its mode to 0600. */
export async function readSecret(dataDir: string, name: string): Promise<string | undefined> {
  const file = path.join(secretsDir(dataDir), name)
  try {
    const value = (await readFile(file, 'utf8')).trim()
    await chmod(file, 0o600)
    return value || undefined
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * Writes a secret (folder 0700, file 0600: other users of the host cannot read it). Only the
 * secrets folder is closed: a missing `<dataDir>` is made with the usual mode, because the private
 * PostgreSQL's server (the `postgres` user when run as root) must pass through it to its cluster.
 */
export async function writeSecret(dataDir: string, name: string, value: string): Promise<void> {
  const dir = secretsDir(dataDir)
  await mkdir(dataDir, { recursive: true })
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
  const file = path.join(dir, name)
  await writeFile(file, `${value}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
}

/** The secret `name`, generated and kept on first use. */
export async function readOrCreateSecret(dataDir: string, name: string): Promise<string> {
  const existing = await readSecret(dataDir, name)
  if (existing) return existing
  const value = generatePassword()
  await writeSecret(dataDir, name, value)
  return value
}
