/**
 * What a 409 stale edit says (config-changes/stale-edit.ts on the API): the last changer, when,
 * every field changed since the editor's version, and the record as it is now. Shared by the
 * administration forms; no I/O.
 */
export interface StaleEdit {
  by: string | null;
  at: string | null;
  fields: string[];
  current: Record<string, unknown> | null;
}

/** The stale edit in an API error's body, or null when the error is something else. */
export function staleEditOf(details: Readonly<Record<string, unknown>>): StaleEdit | null {
  const inner = details.details as { reason?: string; changedFields?: string[]; changes?: { by: string | null; at: string }[]; current?: Record<string, unknown> } | undefined;
  if (inner?.reason !== 'stale_version') return null;
  const last = inner.changes?.at(-1);
  return {
    by: last?.by ?? null, at: last?.at ?? null,
    fields: (inner.changedFields ?? []).filter((field) => field !== 'version'), current: inner.current ?? null,
  };
}
