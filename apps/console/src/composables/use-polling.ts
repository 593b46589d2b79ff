import { getCurrentInstance, onBeforeUnmount, onMounted, ref } from 'vue';

/**
 * Runs `task` now and then every `intervalMs` while the component is mounted. A run never
 * overlaps the previous one, and a failure only ends that run (the client already showed it).
 */
export function usePolling(task: () => Promise<void>, intervalMs: number) {
  const isRunning = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function runNow(): Promise<void> {
    if (isRunning.value) return;
    isRunning.value = true;
    try {
      await task();
    } catch {
      // reported by the request client
    } finally {
      isRunning.value = false;
    }
  }

  function start(): void {
    stop();
    void runNow();
    timer = setInterval(() => void runNow(), intervalMs);
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  if (getCurrentInstance()) {
    onMounted(start);
    onBeforeUnmount(stop);
  }
  return { isRunning, runNow, start, stop };
}
