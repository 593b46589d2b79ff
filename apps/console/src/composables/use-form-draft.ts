import { getCurrentInstance, onBeforeUnmount } from 'vue';

const DRAFT_PREFIX = 'yixian.draft:';

/** Live forms that would lose their input if the session ended now. */
const activeDrafts = new Map<string, () => unknown>();

function readStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Writes every registered form to sessionStorage, marked with its owner (the signed-in user's
 * id). Called when the session expires, just before the user is sent to login, so the form comes
 * back filled after *they* log in again; another user signing in in the same tab never sees it.
 */
export function saveFormDrafts(owner: string | null | undefined): number {
  const storage = readStorage();
  if (!storage || !owner) return 0;
  let saved = 0;
  for (const [key, snapshot] of activeDrafts) {
    try {
      storage.setItem(DRAFT_PREFIX + key, JSON.stringify({ owner, values: snapshot() }));
      saved += 1;
    } catch {
      // quota or a value that does not serialise: that form starts empty again
    }
  }
  return saved;
}

/** Drops a saved draft (after a successful submit). */
export function clearFormDraft(key: string): void {
  readStorage()?.removeItem(DRAFT_PREFIX + key);
}

/** Drops every saved draft (on sign-out: the next person at this tab starts clean). */
export function clearAllFormDrafts(): void {
  const storage = readStorage();
  if (!storage) return;
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((key): key is string => !!key?.startsWith(DRAFT_PREFIX));
  for (const key of keys) storage.removeItem(key);
}

/**
 * Registers a reactive form object under a key unique to its page. If `owner` saved a draft for
 * that key when their session expired, its fields are copied back in; any draft found (another
 * user's too) is dropped. Returns true when a draft was restored (the page may tell the user).
 */
export function useFormDraft<T extends object>(key: string, state: T, owner: string | null | undefined): boolean {
  const storage = readStorage();
  let restored = false;
  const raw = storage?.getItem(DRAFT_PREFIX + key);
  if (raw) {
    try {
      const draft = JSON.parse(raw) as { owner?: unknown; values?: unknown } | null;
      const saved = owner && draft?.owner === owner ? draft.values : null;
      if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
        for (const field of Object.keys(state)) {
          if (field in saved) (state as Record<string, unknown>)[field] = (saved as Record<string, unknown>)[field];
        }
        restored = true;
      }
    } catch {
      // a corrupt draft is ignored
    }
    storage?.removeItem(DRAFT_PREFIX + key);
  }
  activeDrafts.set(key, () => ({ ...state }));
  if (getCurrentInstance()) onBeforeUnmount(() => activeDrafts.delete(key));
  return restored;
}
