/**
 * Secrets are closed to other users of the host, and nothing else is: on a fresh clone the first
 * secret made `.data` itself 0700 (mkdir -p applies its mode to every folder it makes), and the
 * embedded PostgreSQL, run as the `postgres` user under root, could then not reach its cluster.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readOrCreateSecret } from '../src/provision/secret-file.js'

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

describe('secret files', () => {
  it('close the secrets folder and file, not the data folders made on the way', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'yixian-secret-'))
    made.push(root)
    const dataDir = path.join(root, '.data', 'test')
    const password = await readOrCreateSecret(dataDir, 'postgres.password')
    expect(password).toMatch(/^[\w-]{32}$/)
    expect((await stat(path.join(dataDir, 'secrets'))).mode & 0o777).toBe(0o700)
    expect((await stat(path.join(dataDir, 'secrets', 'postgres.password'))).mode & 0o777).toBe(0o600)
    for (const dir of [path.join(root, '.data'), dataDir]) {
      expect((await stat(dir)).mode & 0o005, dir).toBe(0o005)
    }
    expect(await readOrCreateSecret(dataDir, 'postgres.password')).toBe(password)
  })
})
