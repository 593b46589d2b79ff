/**
 * Staff display names as the ticket trail shows them, remembered per process once read and
 * forgotten on the `accounts` topic (an administrator renamed or added someone). Only the names
 * asked for are read, so a city's thousands of accounts are not loaded at once.
 */
import type { Prisma } from '@yixian/db';
import { onConfigChange } from '../config-changes/config-bus.js';

let names = new Map<string, string>();
onConfigChange('accounts', () => {
  names = new Map();
});

/** Display names by user id; ids with no account are left out. */
export async function findStaffNames(db: Pick<Prisma.TransactionClient, 'user'>, ids: readonly string[]): Promise<Map<string, string>> {
  const known = names;
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    const rows = await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, displayName: true } });
    // Kept only if no change came in while reading (the map was replaced then).
    if (known === names) for (const row of rows) known.set(row.id, row.displayName);
    return new Map([...ids.flatMap((id): [string, string][] => (known.has(id) ? [[id, known.get(id)!]] : [])), ...rows.map((row): [string, string] => [row.id, row.displayName])]);
  }
  return new Map(ids.map((id) => [id, known.get(id)!]));
}
