/** The two public mailboxes (市长信箱 / 区长信箱). A letter names one; figures are kept per mailbox. */
export const MAILBOXES = {
  mayor: 'mayor',
  district_head: 'district_head',
} as const;
export type Mailbox = (typeof MAILBOXES)[keyof typeof MAILBOXES];
export const MAILBOX_VALUES: readonly Mailbox[] = Object.freeze(Object.values(MAILBOXES));

/** What a citizen sees of the ticket behind a letter (never the internal state names). */
export const LETTER_STATUSES = {
  received: 'received',
  processing: 'processing',
  replied: 'replied',
  closed: 'closed',
} as const;
export type LetterStatus = (typeof LETTER_STATUSES)[keyof typeof LETTER_STATUSES];
export const LETTER_STATUS_VALUES: readonly LetterStatus[] = Object.freeze(Object.values(LETTER_STATUSES));

/** Attachment rules: at most 3 files, 5 MB each, PDF / JPEG / PNG (checked by their first bytes too). */
export const ATTACHMENT_LIMITS = {
  maxFiles: 3,
  maxBytes: 5 * 1024 * 1024,
  contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] as const,
} as const;
export type AttachmentContentType = (typeof ATTACHMENT_LIMITS.contentTypes)[number];

/** Per-IP limits on the public routes (a citizen writes rarely; a flood is refused with 429). */
export const MAILBOX_RATE_LIMITS = {
  letters: { max: 5, timeWindow: 60 * 60_000 },
  lookups: { max: 30, timeWindow: 60 * 60_000 },
  challenges: { max: 60, timeWindow: 60 * 60_000 },
} as const;

/** Who the intake trail names for letters: no person keys them in, the mailbox does. */
export const MAILBOX_INTAKE_ACTOR_ID = 'mailbox';
/** The trail's actorRole of a letter's `create` entry: the citizen wrote it (no account, no role). */
export const CITIZEN_AUTHOR_ROLE = 'citizen';
