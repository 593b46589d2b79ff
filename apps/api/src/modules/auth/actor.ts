/**
 * The caller as every service sees it: who, which roles, and the scope that filters every
 * query. Loaded fresh per request so a disabled account or a changed scope takes effect at once.
 */
import type { PrismaClient } from '@yixian/db';
import type { Role } from '@yixian/domain';

export interface ActorScope {
  /** The whole district (commander and centre staff). */
  all: boolean;
  areaIds: string[];
  /** Materialised paths of the scope's areas: a record is in scope when its area path starts with one. */
  areaPaths: string[];
  unitIds: string[];
  /** When non-empty, only these categories (the "business" half of the scope). */
  categoryIds: string[];
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  areaId: string | null;
  /** Phone extension of a centre agent; null for everyone else. */
  extension: string | null;
  status: string;
  /** A one-time password is in use: the session may do nothing but change it (password-gate.ts). */
  mustChangePassword: boolean;
  scope: ActorScope;
}

export async function loadActor(prisma: PrismaClient, userId: string): Promise<Actor | null> {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const areas = user.scopeAreaIds.length
    ? await prisma.area.findMany({ where: { id: { in: user.scopeAreaIds } }, select: { path: true } })
    : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    unitId: user.unitId,
    areaId: user.areaId,
    extension: user.extension,
    status: user.status,
    mustChangePassword: user.mustChangePassword,
    scope: {
      all: user.scopeAll,
      areaIds: user.scopeAreaIds,
      areaPaths: areas.map((area) => area.path),
      unitIds: user.scopeUnitIds,
      categoryIds: user.scopeCategoryIds,
    },
  };
}

/** The public view of an actor, as `/api/auth/me` returns it. */
export function presentActor(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    unitId: actor.unitId,
    areaId: actor.areaId,
    extension: actor.extension,
    mustChangePassword: actor.mustChangePassword,
    scope: {
      all: actor.scope.all,
      areaIds: actor.scope.areaIds,
      unitIds: actor.scope.unitIds,
      categoryIds: actor.scope.categoryIds,
    },
  };
}
