/**
 * The catalogue lists the pickers read, fetched once per page load and shared by every picker
 * on the page (a dispatch dialog holds two unit pickers). A failed fetch is forgotten, so the
 * next picker tries again; the request client has already shown the failure.
 */
import { onMounted, ref, type Ref } from 'vue';
import { listAreas, listCategories, listUnits, type Area, type Category, type Unit } from '#/api/catalogue';

const cache = new Map<string, Promise<unknown>>();

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
  onMounted(async () => {
    isLoading.value = true;
    try {
      items.value = await load(key, fetcher);
      hasLoaded.value = true;
    } catch {
      // the request client showed the failure
    } finally {
      isLoading.value = false;
    }
  });
  return { items, isLoading, hasLoaded };
}

export const useUnits = () => useList<Unit>('units', listUnits);
export const useAreas = () => useList<Area>('areas', () => listAreas());
export const useCategories = () => useList<Category>('categories', listCategories);

/** Forgets the cached lists (after a sign-out, or in tests). */
export function clearCatalogueCache(): void {
  cache.clear();
}
