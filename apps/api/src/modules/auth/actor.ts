/**
 * The caller as every service sees it: who, which roles, and the scope that filters every
 * query. Requests take it through actor-cache.ts: a few seconds at most, and dropped in every
 * process as soon as a change to an account is announced, so a disabled account or a changed
 * scope takes effect at once.
 */
import { PREPARED_SQL, type PrismaClient } from '@yixian/db';
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

/** The account's columns an actor needs, and the paths of its scope's areas, read together. */
interface ActorRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitId: string | null;
  areaId: string | null;
  extension: string | null;
  status: string;
  mustChangePassword: boolean;
  scopeAll: boolean;
  scopeAreaIds: string[];
  scopeUnitIds: string[];
  scopeCategoryIds: string[];
  scopeAreaPaths: string[];
}

/**
 * Every request with a session reads its account: one statement (the scope's area paths in a
 * subquery), raw so that it skips the query compiler on the API's most frequent read. A NULL list
 * reads as empty, as Prisma's typed read gives it.
 */
export async function loadActor(prisma: PrismaClient, userId: string): Promise<Actor | null> {
  const [user] = await prisma.$queryRaw<ActorRow[]>`${PREPARED_SQL}
    SELECT u.id, u.username, u."displayName", coalesce(u.roles, '{}') AS roles, u."unitId", u."areaId", u.extension, u.status,
      u."mustChangePassword", u."scopeAll", coalesce(u."scopeAreaIds", '{}') AS "scopeAreaIds",
      coalesce(u."scopeUnitIds", '{}') AS "scopeUnitIds", coalesce(u."scopeCategoryIds", '{}') AS "scopeCategoryIds",
      ARRAY(SELECT a.path FROM area a WHERE a.id = ANY (u."scopeAreaIds")) AS "scopeAreaPaths"
    FROM app_user u WHERE u.id = ${userId}`;
  if (!user) return null;
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
      areaPaths: user.scopeAreaPaths,
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
