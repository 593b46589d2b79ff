import { readonly, ref, type Ref } from 'vue';
import { type AttentionSound, createWebAudioPlayer, type SoundPlayer } from './attention-sound';

export { ATTENTION_SOUNDS, type AttentionSound } from './attention-sound';

/**
 * Getting a person's attention: a sound (unless muted) and, when the tab is hidden and the
 * person allowed it, a desktop notification. The desk rings with it, the inbox and the bell
 * chime for a new dispatch, the wallboard raises queue alarms.
 */
export type AttentionPermission = NotificationPermission | 'unsupported';

export interface AttentionRequest {
  sound: AttentionSound;
  /** The desktop notification's title and text (already translated). */
  title: string;
  body?: string;
  /** A later notification with the same tag replaces this one (one per call, per ticket). */
  tag?: string;
  /** Repeat the sound until `stop()`; default: only `ring` repeats. */
  repeat?: boolean;
  /** Clicking the desktop notification focuses the tab, then calls this. */
  onClick?: () => void;
}

export interface AttentionHandle {
  /** Whether a sound was started and a desktop notification shown. */
  readonly sound: boolean;
  readonly desktop: boolean;
  /** Stops a repeating sound and closes the notification. Safe to call twice. */
  stop(): void;
}

/** What to do for one request; pure, so the rules are tested on their own. */
export function decideAttention(input: { hidden: boolean; muted: boolean; permission: AttentionPermission }): {
  sound: boolean;
  desktop: boolean;
} {
  return { sound: !input.muted, desktop: input.hidden && input.permission === 'granted' };
}

/** The part of the Notification API we use; tests pass a fake. */
export interface NotificationLike {
  onclick: ((event: Event) => void) | null;
  close(): void;
}
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): NotificationLike;
}

export interface AttentionOptions {
  document?: Pick<Document, 'visibilityState'>;
  notification?: NotificationApi | null;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  player?: SoundPlayer;
  focus?: () => void;
}

export const MUTE_STORAGE_KEY = 'yixian.attention.muted';

function browserNotification(): NotificationApi | null {
  return typeof Notification === 'function' ? (Notification as unknown as NotificationApi) : null;
}

function safeStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** One attention service; `useAttention()` shares one for the whole console. */
export function createAttention(options: AttentionOptions = {}) {
  const doc = options.document ?? globalThis.document;
  const api = options.notification === undefined ? browserNotification() : options.notification;
  const storage = options.storage === undefined ? safeStorage() : options.storage;
  const player = options.player ?? createWebAudioPlayer();
  const focus = options.focus ?? (() => globalThis.focus?.());
  const muted = ref(storage?.getItem(MUTE_STORAGE_KEY) === '1');
  const permission: Ref<AttentionPermission> = ref(api ? api.permission : 'unsupported');
  /** Sounds still playing (a ring), so muting silences them at once. */
  const playing = new Set<() => void>();

  function setMuted(value: boolean): void {
    muted.value = value;
    if (value) {
      for (const stop of [...playing]) stop();
      playing.clear();
    }
    try {
      storage?.setItem(MUTE_STORAGE_KEY, value ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  /** Asks for desktop notifications; call it from a click (browsers ignore it otherwise). */
  async function requestPermission(): Promise<AttentionPermission> {
    if (!api) return 'unsupported';
    try {
      permission.value = await api.requestPermission();
    } catch {
      permission.value = api.permission;
    }
    return permission.value;
  }

  function notify(request: AttentionRequest): NotificationLike | null {
    if (!api) return null;
    try {
      const shown = new api(request.title, { body: request.body, tag: request.tag, requireInteraction: request.sound === 'ring' });
      shown.onclick = () => {
        focus();
        shown.close();
        request.onClick?.();
      };
      return shown;
    } catch {
      return null; // some platforms allow notifications only from a service worker
    }
  }

  /** Plays the sound and/or shows the desktop notification the rules call for. */
  function alert(request: AttentionRequest): AttentionHandle {
    if (api) permission.value = api.permission;
    const hidden = doc?.visibilityState === 'hidden';
    const decision = decideAttention({ hidden, muted: muted.value, permission: permission.value });
    const stopSound = decision.sound ? player(request.sound, request.repeat ?? request.sound === 'ring') : null;
    if (stopSound) playing.add(stopSound);
    const shown = decision.desktop ? notify(request) : null;
    let stopped = false;
    return {
      sound: stopSound !== null,
      desktop: shown !== null,
      stop() {
        if (stopped) return;
        stopped = true;
        if (stopSound) {
          playing.delete(stopSound);
          stopSound();
        }
        shown?.close();
      },
    };
  }

  return {
    muted: readonly(muted),
    permission: readonly(permission),
    setMuted,
    requestPermission,
    alert,
  };
}

export type Attention = ReturnType<typeof createAttention>;

let shared: Attention | null = null;

/** The console's one attention service (mute state and permission shared by every page). */
export function useAttention(): Attention {
  shared ??= createAttention();
  return shared;
}
