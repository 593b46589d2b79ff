/**
 * The first administrator of a district that has none: the only way into a new installation
 * (production mode seeds no demo accounts; `SEED_DISTRICT=none` seeds no district at all). It gets
 * a random one-time password that must be changed at the first sign-in, shown once by the seed
 * and kept nowhere but as a hash. Lost before first use: `npm run accounts:initial-passwords`
 * issues a new one (the account never set its own password).
 */
import type { PrismaClient } from '@yixian/db';
import { generateOneTimePassword, hashPassword } from '@yixian/runtime';

export const INITIAL_ADMIN_USERNAME = 'admin';

export interface InitialAdmin {
  username: string;
  oneTimePassword: string;
}

/** Creates `admin` with a one-time password when no active administrator exists; otherwise nothing. */
export async function ensureInitialAdmin(prisma: PrismaClient, username = INITIAL_ADMIN_USERNAME): Promise<InitialAdmin | null> {
  const admins = await prisma.user.count({ where: { roles: { has: 'admin' }, status: 'active' } });
  if (admins > 0) return null;
  if (await prisma.user.findUnique({ where: { username }, select: { id: true } })) return null;
  const oneTimePassword = generateOneTimePassword();
  await prisma.user.create({
    data: {
      username,
      displayName: '系统管理员',
      roles: ['admin'],
      scopeAll: false,
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true,
    },
  });
  return { username, oneTimePassword };
}
