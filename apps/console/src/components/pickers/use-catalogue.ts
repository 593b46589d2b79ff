/**
 * The catalogue lists the pickers read, fetched once per page load and shared by every picker
 * on the page (a dispatch dialog holds two unit pickers). A failed fetch is forgotten, so the
 * next picker tries again; the request client has already shown the failure.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { listAreas, listCategories, listUnits, type Area, type Category, type Unit } from '#/api/catalogue';
import { getLiveSocket } from '#/composables/use-live-socket';

const cache = new Map<string, Promise<unknown>>();
/** The lists on screen, refetched when their configuration changes (another administrator's edit). */
const onScreen = new Map<string, Set<() => void>>();
let isListening = false;

/**
 * "No cached copy outlives a change": the API announces every committed change on `/ws` topic
 * `config` with its topics (units, areas, categories, …). A list whose topic changed is dropped
 * from the cache and the pickers showing it fetch it again. Listens on the console's one socket
 * without opening it (the shell keeps it open while signed in).
 */
function listenForChanges(): void {
  if (isListening) return;
  isListening = true;
  getLiveSocket().subscribe<{ topics?: string[] }>('config', (payload) => {
    for (const topic of payload?.topics ?? []) {
      if (!onScreen.has(topic) && !cache.has(topic)) continue;
      cache.delete(topic);
      for (const refresh of onScreen.get(topic) ?? []) refresh();
    }
  });
}

function load<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = fetcher();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

function useList<T>(key: string, fetcher: () => Promise<T[]>): { items: Ref<T[]>; isLoading: Ref<boolean>; hasLoaded: Ref<boolean> } {
  const items = ref<T[]>([]) as Ref<T[]>;
  const isLoading = ref(false);
  const hasLoaded = ref(false);
  const fetchList = async () => {
    isLoading.value = true;
    try {
      items.value = await load(key, fetcher);
      hasLoaded.value = true;
    } catch {
      // the request client showed the failure
    } finally {
      isLoading.value = false;
    }
  };
  onMounted(() => {
    listenForChanges();
    const set = onScreen.get(key) ?? new Set();
    set.add(fetchList);
    onScreen.set(key, set);
    void fetchList();
  });
  onBeforeUnmount(() => onScreen.get(key)?.delete(fetchList));
  return { items, isLoading, hasLoaded };
}

export const useUnits = () => useList<Unit>('units', listUnits);
export const useAreas = () => useList<Area>('areas', () => listAreas());
export const useCategories = () => useList<Category>('categories', listCategories);

/** Forgets the cached lists (after a sign-out, or in tests). */
export function clearCatalogueCache(): void {
  cache.clear();
}
