/**
 * The phone's own IndexedDB (`yixian-phone`): the outbox of acts made without signal (reports and
 * replies with their photos as Blobs, in the order they were made) and the last answers of the
 * inbox and the tickets opened, readable offline. Both are per account (`userId`).
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

export interface QueuedReply extends OutboxBase {
  kind: 'reply';
  ticketId: string;
  ticketCode: string;
  content: string;
  photos: QueuedPhoto[];
  /** The ticket as the worker saw it when writing: a ticket changed since refuses the reply. */
  seenState: string;
  seenUpdatedAt: string;
}

export type OutboxItem = QueuedReport | QueuedReply;

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
  opening ??= openDB<PhoneSchema>('yixian-phone', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('answers', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
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
