/**
 * The outbox (待发送): acts made without signal, kept in IndexedDB and sent when the signal comes
 * back (the `online` event, the app's start, a sign-in, a tap of 重试), in the order they were
 * made and one at a time. An item the server refuses stays, with the reason, until the worker
 * retries or drops it; no signal stops the run and leaves the rest waiting.
 */
import { computed, shallowRef } from 'vue';
import type { TicketDetail } from '#/api/tickets';
import { OUTBOX_STATES, openPhoneDb, toQueuedPhotos, type OutboxItem, type QueuedAction, type QueuedReport, type QueuedTicketAct } from './phone-db';
import { sendOutboxItem } from './send-outbox-item';

/** The signed-in account's items, oldest first (plain objects: IndexedDB cannot store Vue's proxies). */
export const outboxItems = shallowRef<OutboxItem[]>([]);
export const outboxCount = computed(() => outboxItems.value.length);

let userId: string | null = null;
let running: Promise<void> | null = null;
let isAskedAgain = false;

type Kept = 'id' | 'userId' | 'createdAt' | 'state' | 'problem';
type NewItem = Omit<QueuedReport, Kept> | Omit<QueuedTicketAct, Kept>;

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Reads the account's items again. */
export async function loadOutbox(): Promise<void> {
  const db = await openPhoneDb();
  const all = await db.getAll('outbox');
  outboxItems.value = all.filter((item) => item.userId === userId).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** Keeps an act to send later, then tries at once if there is signal. */
export async function enqueueOutboxItem(item: NewItem): Promise<void> {
  if (!userId) throw new Error('No account signed in: nothing can be kept');
  const db = await openPhoneDb();
  await db.add('outbox', { ...item, userId, createdAt: new Date().toISOString(), state: OUTBOX_STATES.waiting, problem: null } as OutboxItem);
  await loadOutbox();
  void flushOutbox();
}

/**
 * Keeps an act on a ticket (a reply, a return, an on-site check): its body, its photos (with the
 * ids of those already uploaded), the ticket as the worker saw it, and the key its online try used.
 */
export function keepTicketAct(
  ticket: Pick<TicketDetail, 'id' | 'code' | 'state' | 'lastChangeId'>,
  act: { action: QueuedAction; body: Record<string, unknown>; text: string; files: readonly { file: File; uploadedId: string | null }[]; idempotencyKey: string },
): Promise<void> {
  return enqueueOutboxItem({
    kind: 'act', action: act.action, idempotencyKey: act.idempotencyKey, ticketId: ticket.id, ticketCode: ticket.code, body: act.body, text: act.text,
    photos: toQueuedPhotos(act.files), seenState: ticket.state, seenChangeId: ticket.lastChangeId,
  });
}

async function sendWaiting(): Promise<void> {
  if (!userId || !isOnline()) return;
  const db = await openPhoneDb();
  const waiting = (await db.getAll('outbox'))
    .filter((item) => item.userId === userId && (item.state === OUTBOX_STATES.waiting || item.state === OUTBOX_STATES.sending))
    .sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  for (const item of waiting) {
    const id = item.id as number;
    // Dropped by the worker meanwhile: nothing to send.
    if (!(await db.get('outbox', id))) continue;
    Object.assign(item, { state: OUTBOX_STATES.sending, problem: null });
    await db.put('outbox', item);
    await loadOutbox();
    const outcome = await sendOutboxItem(item, async (step) => {
      await db.put('outbox', step);
    });
    if (outcome.kind === 'sent') {
      await db.delete('outbox', id);
    } else if (outcome.kind === 'offline' || outcome.kind === 'signedOut') {
      await db.put('outbox', { ...item, state: OUTBOX_STATES.waiting });
      break;
    } else {
      await db.put('outbox', { ...item, state: outcome.kind === 'refused' ? OUTBOX_STATES.refused : OUTBOX_STATES.failed, problem: outcome.problem });
    }
    await loadOutbox();
  }
  await loadOutbox();
}

/** Sends what waits; a call while a run is going makes it look again when it ends. */
export function flushOutbox(): Promise<void> {
  if (running) {
    isAskedAgain = true;
    return running;
  }
  running = (async () => {
    do {
      isAskedAgain = false;
      await sendWaiting();
    } while (isAskedAgain);
  })().finally(() => {
    running = null;
  });
  return running;
}

/** 重试: a failed or refused item waits again and the run starts. */
export async function retryOutboxItem(id: number): Promise<void> {
  const db = await openPhoneDb();
  const item = await db.get('outbox', id);
  if (!item || item.state === OUTBOX_STATES.sending) return;
  await db.put('outbox', { ...item, state: OUTBOX_STATES.waiting, problem: null });
  await loadOutbox();
  await flushOutbox();
}

/** 删除: the worker drops an item that is not being sent. */
export async function removeOutboxItem(id: number): Promise<void> {
  const db = await openPhoneDb();
  const item = await db.get('outbox', id);
  if (item && item.state !== OUTBOX_STATES.sending) await db.delete('outbox', id);
  await loadOutbox();
}

let isListening = false;

/** Follows the signed-in account (null when signed out): its items are shown and sent. */
export async function followOutboxAccount(id: string | null): Promise<void> {
  userId = id;
  if (!isListening && typeof window !== 'undefined') {
    isListening = true;
    window.addEventListener('online', () => void flushOutbox());
  }
  await loadOutbox();
  await flushOutbox();
}
