/**
 * The worker's own position on the map, while the page is open: `navigator.geolocation` watched
 * when the phone allows it; when it does not, the reason in a word and no dot on the map.
 */
import { onBeforeUnmount, ref } from 'vue';
import type { OwnPosition } from './ticket-map';

export type OwnPositionProblem = 'unsupported' | 'denied' | 'unavailable';

/** A fix a minute old is still where the worker stands; a new one replaces it as it comes. */
const WATCH_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 60_000, timeout: 30_000 };

export function useOwnPosition() {
  const position = ref<OwnPosition | null>(null);
  const problem = ref<OwnPositionProblem | null>(null);
  let watchId: number | null = null;

  function stop(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }

  function start(): void {
    if (!('geolocation' in navigator)) {
      problem.value = 'unsupported';
      return;
    }
    watchId = navigator.geolocation.watchPosition(
      ({ coords }) => {
        position.value = { lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy };
        problem.value = null;
      },
      (error) => {
        // A timeout keeps the last fix on the map; a refusal ends the watch.
        if (error.code === error.TIMEOUT && position.value) return;
        problem.value = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
        if (error.code === error.PERMISSION_DENIED) stop();
      },
      WATCH_OPTIONS,
    );
  }

  onBeforeUnmount(stop);
  return { position, problem, start };
}
