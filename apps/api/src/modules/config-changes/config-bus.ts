/**
 * "Visible everywhere without a restart": a process that caches configuration (the work calendar,
 * routing tables, classification rules, …) registers a listener here, and every change is
 * announced on Redis (`<prefix>config`) after its transaction commits. Each API and worker copy
 * holds one subscription and runs its listeners; the process that made the change runs them at
 * once, before answering, so its own next request never sees the old copy. The API also relays
 * the topic to the consoles (`/ws` topic `config`) so open pages reload their reference data.
 *
 * A subscription that drops and comes back may have missed messages: on every (re)connect all
 * listeners run, so no cached copy outlives a change it could not hear about.
 */
import type { Redis } from 'ioredis';
import { createRedis, type RedisConfig } from '@yixian/runtime';

export const CONFIG_TOPICS = [
  'accounts', 'units', 'areas', 'hotlines', 'categories', 'keyword_rules', 'work_calendar', 'knowledge',
] as const;

export type ConfigTopic = (typeof CONFIG_TOPICS)[number];

type Listener = () => void | Promise<void>;

const listeners = new Map<ConfigTopic, Set<Listener>>();

/** Runs `listener` whenever `topic` changes in any process. Returns the unsubscribe. */
export function onConfigChange(topic: ConfigTopic, listener: Listener): () => void {
  const set = listeners.get(topic) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(topic, set);
  return () => set.delete(listener);
}

function isConfigTopic(value: unknown): value is ConfigTopic {
  return typeof value === 'string' && (CONFIG_TOPICS as readonly string[]).includes(value);
}

async function runListeners(topics: readonly ConfigTopic[]): Promise<void> {
  for (const topic of topics) {
    for (const listener of listeners.get(topic) ?? []) await listener();
  }
}

export function configChannel(redisPrefix: string): string {
  return `${redisPrefix}config`;
}

/** Announces committed changes: runs this process's listeners, then tells every other process. */
export async function publishConfigChange(redis: Redis, redisPrefix: string, topics: readonly ConfigTopic[]): Promise<void> {
  await runListeners(topics);
  await redis.publish(configChannel(redisPrefix), JSON.stringify({ topics }));
}

export interface ConfigSubscription {
  close(): Promise<void>;
}

/**
 * Subscribes this process to the changes of every other one. `onMessage` sees each announcement
 * after the local listeners ran (the API relays it to the consoles).
 */
export async function listenConfigChanges(
  redis: RedisConfig,
  redisPrefix: string,
  onMessage: (topics: ConfigTopic[]) => void = () => undefined,
): Promise<ConfigSubscription> {
  const subscriber = createRedis(redis, { name: 'config-bus', waitForever: true });
  subscriber.on('ready', () => {
    void runListeners(CONFIG_TOPICS);
  });
  subscriber.on('message', (_channel: string, message: string) => {
    let topics: ConfigTopic[] = [];
    try {
      const parsed = JSON.parse(message) as { topics?: unknown };
      topics = Array.isArray(parsed.topics) ? parsed.topics.filter(isConfigTopic) : [];
    } catch {
      topics = [...CONFIG_TOPICS];
    }
    void runListeners(topics).then(() => onMessage(topics));
  });
  await subscriber.connect();
  await subscriber.subscribe(configChannel(redisPrefix));
  return { close: async () => { await subscriber.quit().catch(() => subscriber.disconnect()); } };
}
