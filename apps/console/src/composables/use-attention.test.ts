// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AttentionSound } from './attention-sound';
import { createAttention, decideAttention, MUTE_STORAGE_KEY, type NotificationApi } from './use-attention';

function fakeNotifications(initial: NotificationPermission, answer: NotificationPermission = initial) {
  const shown: { title: string; options?: NotificationOptions; closed: boolean; onclick: ((e: Event) => void) | null }[] = [];
  const api = class {
    static permission: NotificationPermission = initial;
    static async requestPermission() {
      api.permission = answer;
      return answer;
    }
    onclick: ((e: Event) => void) | null = null;
    entry;
    constructor(title: string, options?: NotificationOptions) {
      this.entry = { title, options, closed: false, onclick: null as ((e: Event) => void) | null };
      shown.push(this.entry);
    }
    close() {
      this.entry.closed = true;
    }
  };
  return { api: api as unknown as NotificationApi & { permission: NotificationPermission }, shown };
}

function fakePlayer() {
  const plays: { sound: AttentionSound; repeat: boolean; stopped: boolean }[] = [];
  return {
    plays,
    player: (sound: AttentionSound, repeat: boolean) => {
      const play = { sound, repeat, stopped: false };
      plays.push(play);
      return () => {
        play.stopped = true;
      };
    },
  };
}

function memoryStorage(values: Record<string, string> = {}) {
  return { getItem: (k: string) => values[k] ?? null, setItem: (k: string, v: string) => void (values[k] = v), values };
}

describe('decideAttention', () => {
  it('sounds unless muted, and shows a desktop notification only for a hidden tab with permission', () => {
    expect(decideAttention({ hidden: false, muted: false, permission: 'granted' })).toEqual({ sound: true, desktop: false });
    expect(decideAttention({ hidden: true, muted: false, permission: 'granted' })).toEqual({ sound: true, desktop: true });
    expect(decideAttention({ hidden: true, muted: true, permission: 'granted' })).toEqual({ sound: false, desktop: true });
    expect(decideAttention({ hidden: true, muted: false, permission: 'default' })).toEqual({ sound: true, desktop: false });
    expect(decideAttention({ hidden: true, muted: false, permission: 'denied' })).toEqual({ sound: true, desktop: false });
    expect(decideAttention({ hidden: true, muted: false, permission: 'unsupported' })).toEqual({ sound: true, desktop: false });
  });
});

describe('createAttention', () => {
  it('rings (repeating) in a visible tab without a desktop notification', () => {
    const { api, shown } = fakeNotifications('granted');
    const { player, plays } = fakePlayer();
    const attention = createAttention({ document: { visibilityState: 'visible' }, notification: api, storage: memoryStorage(), player });
    const handle = attention.alert({ sound: 'ring', title: '来电', body: '12345' });
    expect(handle).toMatchObject({ sound: true, desktop: false });
    expect(plays).toEqual([{ sound: 'ring', repeat: true, stopped: false }]);
    expect(shown).toHaveLength(0);
    handle.stop();
    expect(plays[0]?.stopped).toBe(true);
  });

  it('raises a desktop notification in a hidden tab and closes it on stop; a click focuses the tab', () => {
    const { api, shown } = fakeNotifications('granted');
    const { player } = fakePlayer();
    let focused = 0;
    let clicked = 0;
    const doc = { visibilityState: 'hidden' as DocumentVisibilityState };
    const attention = createAttention({ document: doc, notification: api, storage: memoryStorage(), player, focus: () => (focused += 1) });
    const handle = attention.alert({ sound: 'chime', title: '新工单', body: 'T-1', tag: 'ticket-1', onClick: () => (clicked += 1) });
    expect(handle.desktop).toBe(true);
    expect(shown[0]).toMatchObject({ title: '新工单', options: { body: 'T-1', tag: 'ticket-1' } });
    handle.stop();
    expect(shown[0]?.closed).toBe(true);
    expect(focused).toBe(0);
  });

  it('shows nothing on the desktop before permission, and asks for it on request', async () => {
    const { api, shown } = fakeNotifications('default', 'granted');
    const { player } = fakePlayer();
    const attention = createAttention({ document: { visibilityState: 'hidden' }, notification: api, storage: memoryStorage(), player });
    expect(attention.permission.value).toBe('default');
    expect(attention.alert({ sound: 'chime', title: 'x' }).desktop).toBe(false);
    expect(await attention.requestPermission()).toBe('granted');
    expect(attention.permission.value).toBe('granted');
    expect(attention.alert({ sound: 'chime', title: 'y' }).desktop).toBe(true);
    expect(shown.map((s) => s.title)).toEqual(['y']);
  });

  it('keeps a refusal and copes with a browser without notifications', async () => {
    const denied = fakeNotifications('default', 'denied');
    const attention = createAttention({ document: { visibilityState: 'hidden' }, notification: denied.api, storage: memoryStorage(), player: fakePlayer().player });
    expect(await attention.requestPermission()).toBe('denied');
    expect(attention.alert({ sound: 'ring', title: 'x' }).desktop).toBe(false);

    const none = createAttention({ document: { visibilityState: 'hidden' }, notification: null, storage: memoryStorage(), player: fakePlayer().player });
    expect(none.permission.value).toBe('unsupported');
    expect(await none.requestPermission()).toBe('unsupported');
    expect(none.alert({ sound: 'ring', title: 'x' })).toMatchObject({ sound: true, desktop: false });
  });

  it('mute is remembered, silences a ring already playing, and still lets the desktop notification through', () => {
    const storage = memoryStorage();
    const { player, plays } = fakePlayer();
    const { api } = fakeNotifications('granted');
    const doc = { visibilityState: 'visible' as DocumentVisibilityState };
    const attention = createAttention({ document: doc, notification: api, storage, player });
    attention.alert({ sound: 'ring', title: 'x' });
    attention.setMuted(true);
    expect(plays[0]?.stopped).toBe(true);
    expect(storage.values[MUTE_STORAGE_KEY]).toBe('1');

    const again = createAttention({ document: doc, notification: api, storage, player });
    expect(again.muted.value).toBe(true);
    doc.visibilityState = 'hidden';
    expect(again.alert({ sound: 'ring', title: 'x' })).toMatchObject({ sound: false, desktop: true });
    expect(plays).toHaveLength(1);
  });

  it('plays a notice once unless asked to repeat', () => {
    const { player, plays } = fakePlayer();
    const attention = createAttention({ document: { visibilityState: 'visible' }, notification: null, storage: null, player });
    attention.alert({ sound: 'chime', title: 'x' });
    attention.alert({ sound: 'alarm', title: 'y', repeat: true });
    expect(plays.map((p) => [p.sound, p.repeat])).toEqual([['chime', false], ['alarm', true]]);
  });
});
