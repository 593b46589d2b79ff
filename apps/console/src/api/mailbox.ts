import { requestClient } from './client';

export type Mailbox = 'mayor' | 'district_head';
export type LetterStatus = 'received' | 'processing' | 'replied' | 'closed';

export interface MailboxChallenge {
  token: string;
  salt: string;
  difficulty: number;
  expiresAt: string;
}

export interface LetterOptions {
  mailboxes: Mailbox[];
  categories: { id: string; name: string; nameEn: string }[];
  defaultCategoryId: string;
}

export interface LetterAttachment {
  fileName: string;
  contentType: string;
  /** Base64 of the file. */
  data: string;
}

export interface NewLetter {
  mailbox: Mailbox;
  name: string;
  phone: string;
  subject: string;
  content: string;
  categoryId?: string;
  address?: string;
  attachments?: LetterAttachment[];
  website?: string;
  challenge: { token: string; nonce: string };
}

export interface FiledLetter {
  queryCode: string;
  ticketCode: string;
  replyDueAt: string | null;
}

export interface LetterLookup {
  mailbox: Mailbox;
  ticketCode: string;
  subject: string;
  submittedAt: string;
  status: LetterStatus;
  replyDueAt: string | null;
  reply: { content: string; repliedAt: string } | null;
  attachments: string[];
}

/** Codes the mailbox pages explain inline instead of a toast. */
export const MAILBOX_FORM_CODES = ['validation_failed', 'payload_too_large', 'rate_limited', 'not_found'] as const;

/** A fresh proof-of-work challenge for one letter. */
export function fetchMailboxChallenge(): Promise<MailboxChallenge> {
  return requestClient.get<MailboxChallenge>('/mailbox/challenge');
}

/** The mailboxes and the categories a letter may be filed under. */
export function fetchLetterOptions(): Promise<LetterOptions> {
  return requestClient.get<LetterOptions>('/mailbox/options');
}

/** Files a letter; the answer's query code is shown once. */
export function submitLetter(letter: NewLetter): Promise<FiledLetter> {
  return requestClient.post<FiledLetter>('/mailbox/letters', letter, { handledCodes: MAILBOX_FORM_CODES, timeoutMs: 120_000 });
}

/** Looks a letter up by its query code (POST: the code stays out of URLs and logs). */
export function lookUpLetter(code: string): Promise<LetterLookup> {
  return requestClient.post<LetterLookup>('/mailbox/lookup', { code }, { handledCodes: MAILBOX_FORM_CODES });
}

/** A file of a letter as staff see it (the bytes come from {@link letterAttachmentUrl}). */
export interface StaffAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** The files sent with the letter behind a ticket (each listing is audited on the server). */
export async function listLetterAttachments(ticketId: string): Promise<StaffAttachment[]> {
  const answer = await requestClient.get<{ items: StaffAttachment[] }>(`/mailbox/tickets/${encodeURIComponent(ticketId)}/attachments`, {
    handledCodes: ['not_found'],
  });
  return answer.items;
}

/** Where the browser downloads one file (same-origin link: the session cookie goes with it; audited). */
export function letterAttachmentUrl(ticketId: string, attachmentId: string): string {
  return `/api/mailbox/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
