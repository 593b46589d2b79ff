/**
 * The phone's own IndexedDB (`yixian-phone`): the outbox of acts made without signal (reports,
 * replies, returns and on-site checks with their photos as Blobs, in the order they were made) and
 * the last answers of the inbox and the tickets opened, readable offline. Both are per account (`userId`).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PatrolReportBody } from '#/api/patrol';

/** A photo kept with its act; `uploadedId` once the server has it, so a retry never uploads it twice. */
export interface QueuedPhoto {
  name: string;
  type: string;
  blob: Blob;
  uploadedId: string | null;
}

export const OUTBOX_STATES = { waiting: 'waiting', sending: 'sending', failed: 'failed', refused: 'refused' } as const;
export type OutboxState = (typeof OUTBOX_STATES)[keyof typeof OUTBOX_STATES];

/** Why an item is not sent: a message key with its values, or the API's refusal (said in words when shown). */
export type OutboxProblem = { key: string; values?: Record<string, string> } | { error: { code: string; status: number; message: string; field?: string } };

interface OutboxBase {
  /** Order of making (auto-incremented): items are sent in this order. */
  id?: number;
  userId: string;
  createdAt: string;
  state: OutboxState;
  problem: OutboxProblem | null;
}

export interface QueuedReport extends OutboxBase {
  kind: 'report';
  idempotencyKey: string;
  body: PatrolReportBody;
  photos: QueuedPhoto[];
  afterPhotos: QueuedPhoto[];
  /** The filed ticket, once the server answered (photos may still be waiting). */
  ticketId: string | null;
  ticketCode: string | null;
}

/** The acts on a ticket the phone keeps when there is no signal; each uploads its photos under the same act name. */
export const QUEUED_ACTIONS = ['reply', 'return', 'verify'] as const;
export type QueuedAction = (typeof QUEUED_ACTIONS)[number];

export interface QueuedTicketAct extends OutboxBase {
  kind: 'act';
  action: QueuedAction;
  /** Sent as `Idempotency-Key` on every attempt (and on the first, online one): the server applies the act once. */
  idempotencyKey: string;
  ticketId: string;
  ticketCode: string;
  /** The act's body as the sheet built it, without its photos and the ticket as seen. */
  body: Record<string, unknown>;
  /** What the outbox page shows of it: the reply, the return's note, the check's remark or reason. */
  text: string;
  photos: QueuedPhoto[];
  /**
   * The ticket as the worker saw it when writing: its state, and its latest trail entry that changed
   * it (`lastChangeId`). A ticket changed since (returned, re-dispatched) refuses the act.
   */
  seenState: string;
  seenChangeId: string | null;
}

export type OutboxItem = QueuedReport | QueuedTicketAct;

/** A reply kept by the first version of the app (database version 1), before returns and checks were kept too. */
interface KeptReplyV1 extends OutboxBase {
  kind: 'reply';
  ticketId: string;
  ticketCode: string;
  content: string;
  photos: QueuedPhoto[];
  seenState: string;
}

/**
 * A version-1 reply as a kept act. It knew the ticket only by its `updatedAt`, which the server no
 * longer compares: with no change id the send checks the state it was written in, and the worker
 * is asked to redo it on any other.
 */
export function upgradeKeptReply(item: KeptReplyV1): QueuedTicketAct {
  const { content, ...rest } = item;
  return { ...rest, kind: 'act', action: 'reply', idempotencyKey: `v1-reply-${item.id ?? 0}-${item.createdAt.replace(/[^0-9]/g, '')}`, body: { content }, text: content, seenChangeId: null };
}

export interface CachedAnswer {
  key: string;
  userId: string;
  savedAt: string;
  data: unknown;
}

interface PhoneSchema extends DBSchema {
  outbox: { key: number; value: OutboxItem };
  answers: { key: string; value: CachedAnswer; indexes: { savedAt: string } };
}

let opening: Promise<IDBPDatabase<PhoneSchema>> | null = null;

/** The database, opened once per page. */
export function openPhoneDb(): Promise<IDBPDatabase<PhoneSchema>> {
  opening ??= openDB<PhoneSchema>('yixian-phone', 2, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
        db.createObjectStore('answers', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
        return;
      }
      // Version 2: replies kept by version 1 become kept acts, in place (same ids, same order): nothing kept is lost.
      let cursor = await tx.objectStore('outbox').openCursor();
      while (cursor) {
        const kept = cursor.value as OutboxItem | KeptReplyV1;
        if (kept.kind === 'reply') await cursor.update(upgradeKeptReply(kept));
        cursor = await cursor.continue();
      }
    },
  });
  return opening;
}

/** Turns picked files into photos to keep. */
export function toQueuedPhotos(files: readonly { file: File; uploadedId: string | null }[]): QueuedPhoto[] {
  return files.map(({ file, uploadedId }) => ({ name: file.name, type: file.type, blob: file, uploadedId }));
}

/** A kept photo as a File again, for the upload. */
export function toFile(photo: QueuedPhoto): File {
  return new File([photo.blob], photo.name, { type: photo.type });
}
