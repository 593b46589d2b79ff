import { getCurrentInstance, onBeforeUnmount, ref } from 'vue';

/** A clock for countdowns: `now` (ms) ticks every `intervalMs` while the component lives. */
export function useNow(intervalMs = 30_000) {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
  if (getCurrentInstance()) onBeforeUnmount(() => clearInterval(timer));
  return now;
}
