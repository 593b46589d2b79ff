/**
 * The accounts behind this process's requests, kept for a few seconds so that a desk working
 * through tickets does not read its own account on every request (one statement of three in an
 * intake or a dispatch). A change to any account or area is announced on the config bus
 * (`accounts`, `areas`: every admin edit, status change, password reset or change, import) and
 * empties the cache in this process before the change is answered and in every other copy as the
 * announcement arrives; the few seconds are the bound for a change nobody announced (SQL by hand, a
 * script without Redis). A load that was running when a change came in is not kept.
 */
import type { PrismaClient } from '@yixian/db';
import { onConfigChange } from '../config-changes/config-bus.js';
import { loadActor, type Actor } from './actor.js';

/** How long an account read is trusted without an announcement. */
export const ACTOR_CACHE_MS = 5_000;
/** More accounts than a district has: beyond this, the cache starts again. */
const MAX_ACTORS = 5_000;

const actors = new Map<string, { actor: Actor; readAt: number }>();
let generation = 0;

/** Forgets every account (what an announced change does). */
export function forgetActors(): void {
  generation += 1;
  actors.clear();
}

onConfigChange('accounts', forgetActors);
onConfigChange('areas', forgetActors);

/**
 * The account as `loadActor` reads it, from this process's copy when it is younger than
 * ACTOR_CACHE_MS. The actor is frozen: requests share it. An account that does not exist is not kept.
 */
export async function loadCachedActor(prisma: PrismaClient, userId: string, now = performance.now()): Promise<Actor | null> {
  const kept = actors.get(userId);
  if (kept && now - kept.readAt < ACTOR_CACHE_MS) return kept.actor;
  const before = generation;
  const actor = await loadActor(prisma, userId);
  if (!actor) {
    actors.delete(userId);
    return null;
  }
  const frozen = freezeActor(actor);
  if (generation === before) {
    if (actors.size >= MAX_ACTORS) actors.clear();
    actors.set(userId, { actor: frozen, readAt: now });
  }
  return frozen;
}

function freezeActor(actor: Actor): Actor {
  Object.freeze(actor.roles);
  for (const list of [actor.scope.areaIds, actor.scope.areaPaths, actor.scope.unitIds, actor.scope.categoryIds]) Object.freeze(list);
  Object.freeze(actor.scope);
  return Object.freeze(actor);
}
