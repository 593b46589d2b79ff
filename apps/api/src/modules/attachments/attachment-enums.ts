/** The acts a ticket attachment is uploaded for, and the files the server takes. */

export const ATTACHMENT_ACTS = {
  /** 回复: the unit's answer carries photos of the work done, or a document. */
  reply: 'reply',
  /** 退单: the returning unit shows why the ticket is not theirs. */
  return: 'return',
  /** 巡查上报: a grid member's photos of what they found; the ticket's own `create` entry carries them (自处: the "before"). */
  report: 'report',
  /** 自处: the "after" photos of a matter a grid member handled on the spot; its on-spot `reply` entry carries them. */
  on_spot: 'on_spot',
  /** 核查: the grid worker's photos of the unit's work, seen on site. */
  verify: 'verify',
} as const;
export type AttachmentAct = (typeof ATTACHMENT_ACTS)[keyof typeof ATTACHMENT_ACTS];
export const ATTACHMENT_ACT_VALUES = Object.values(ATTACHMENT_ACTS);

/**
 * Acts whose files are uploaded after the act was made (the patrol report files its ticket first):
 * the upload joins the act's trail entry at once, and only the account that filed the ticket may add them.
 */
export const FILED_ACTS: readonly AttachmentAct[] = [ATTACHMENT_ACTS.report, ATTACHMENT_ACTS.on_spot];

/** Acts that use where a photo was taken (the place reported and handled): its EXIF position is handed back and kept on the row. */
export const POSITION_ACTS: readonly AttachmentAct[] = [ATTACHMENT_ACTS.report, ATTACHMENT_ACTS.on_spot, ATTACHMENT_ACTS.verify];

/** Types recognised from the bytes (never from the name or the client's content type). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const ACCEPTED_TYPES = [...IMAGE_TYPES, 'application/pdf'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];
/** In words, for the 400 that refuses anything else. */
export const ACCEPTED_IN_WORDS = 'JPEG, PNG, WebP or PDF';

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;
