/**
 * The phone's position for a report: watches `navigator.geolocation` (high accuracy) until a fix
 * is good enough (≤ GOOD_ACCURACY_M), or the worker accepts a coarser one; `relocate` starts
 * again (a new report, or the worker walked on). Why there is none is kept as a reason.
 */
import { onBeforeUnmount, ref } from 'vue';
import type { ReportPosition } from '#/api/patrol';
import { isGoodFix } from '../data';

export type PositionProblem = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

const WATCH_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 0, timeout: 30_000 };

export function usePosition() {
  /** The latest fix, good or not. */
  const fix = ref<ReportPosition | null>(null);
  /** The fix the report uses: a good one, or one the worker accepted. */
  const accepted = ref<ReportPosition | null>(null);
  const problem = ref<PositionProblem | null>(null);
  const isWatching = ref(false);
  let watchId: number | null = null;

  function stop(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    isWatching.value = false;
  }

  function onFix(position: GeolocationPosition): void {
    const { latitude, longitude, accuracy } = position.coords;
    fix.value = { lat: latitude, lng: longitude, accuracy };
    problem.value = null;
    if (isGoodFix(fix.value)) {
      accepted.value = fix.value;
      stop();
    }
  }

  function onError(error: GeolocationPositionError): void {
    // A timeout while a coarse fix is already shown leaves it to the worker to accept.
    if (error.code === error.TIMEOUT && fix.value) return;
    problem.value = error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
    if (error.code === error.PERMISSION_DENIED) stop();
  }

  function locate(): void {
    stop();
    fix.value = null;
    accepted.value = null;
    problem.value = null;
    if (!('geolocation' in navigator)) {
      problem.value = 'unsupported';
      return;
    }
    isWatching.value = true;
    watchId = navigator.geolocation.watchPosition(onFix, onError, WATCH_OPTIONS);
  }

  /** The worker takes the coarse fix shown. */
  function accept(): void {
    if (!fix.value) return;
    accepted.value = fix.value;
    stop();
  }

  onBeforeUnmount(stop);
  return { fix, accepted, problem, isWatching, locate, accept };
}
