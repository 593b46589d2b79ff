/**
 * Reference data held in memory per process (categories, areas, units, keyword rules, staff
 * names): read once, then served from memory until a change on one of its config topics is
 * announced (config-bus.ts), in this process at once and in every other copy through Redis. A
 * ticket's intake and dispatch read these on every request; the tables change a few times a year.
 *
 * A load that was running when a change came in is not kept, so a copy read before a commit
 * never outlives the change's announcement; a load that fails is not kept either.
 */
import { onConfigChange, type ConfigTopic } from './config-bus.js';

export interface ConfigCache<T, D> {
  /** The cached value, loaded through `db` (a client or a transaction) when there is none. */
  get(db: D): Promise<T>;
  /** Forgets the value (what a change on the cache's topics does). */
  clear(): void;
}

/** A cache of `load(db)`, cleared whenever one of `topics` changes in any process. */
export function createConfigCache<T, D>(topics: readonly ConfigTopic[], load: (db: D) => Promise<T>): ConfigCache<T, D> {
  let value: Promise<T> | null = null;
  const clear = () => {
    value = null;
  };
  for (const topic of topics) onConfigChange(topic, clear);
  return {
    get(db) {
      if (value) return value;
      const loading = load(db);
      value = loading;
      loading.catch(() => {
        if (value === loading) value = null;
      });
      return loading;
    },
    clear,
  };
}
