import { Type, type Static } from 'typebox';
import { AUTH_ERRORS, ErrorSchema } from '../../lib/schemas.js';
import { ATTACHMENT_LIMITS, LETTER_STATUS_VALUES, MAILBOX_VALUES } from './mailbox-enums.js';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));
const PUBLIC_ERRORS = { 400: ErrorSchema, 429: ErrorSchema } as const;

/** Base64 of 5 MB is about 7 MB; the decoded size is checked (413) with a clearer message. */
const BASE64_MAX_CHARS = 8_000_000;
/** Three attachments at the limit plus the letter itself. */
export const LETTER_BODY_LIMIT_BYTES = ATTACHMENT_LIMITS.maxFiles * BASE64_MAX_CHARS + 200_000;

export const ChallengeSchema = Type.Object({
  token: Type.String(),
  salt: Type.String(),
  difficulty: Type.Integer(),
  expiresAt: Type.String(),
}, { additionalProperties: false });

export const challengeSchema = {
  tags: ['mailbox'],
  summary: 'A proof-of-work challenge to solve before writing a letter (public)',
  response: { 200: ChallengeSchema, ...PUBLIC_ERRORS },
};

export const optionsSchema = {
  tags: ['mailbox'],
  summary: 'The mailboxes and the categories a letter may be filed under (public)',
  response: {
    200: Type.Object({
      mailboxes: Type.Array(Type.String()),
      categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() })),
      defaultCategoryId: Type.String(),
    }),
    ...PUBLIC_ERRORS,
  },
};

const AttachmentSchema = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  contentType: Type.String({ minLength: 1, maxLength: 100 }),
  data: Type.String({ minLength: 1, maxLength: BASE64_MAX_CHARS }),
}, { additionalProperties: false });

export const SubmitLetterBodySchema = Type.Object({
  mailbox: literalUnion(MAILBOX_VALUES),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  phone: Type.String({ minLength: 3, maxLength: 32 }),
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({ minLength: 1, maxLength: 5000 }),
  categoryId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  attachments: Type.Optional(Type.Array(AttachmentSchema, { maxItems: ATTACHMENT_LIMITS.maxFiles })),
  /** Honeypot: hidden from people, filled by naive bots. Must be absent or empty. */
  website: Type.Optional(Type.String({ maxLength: 200 })),
  challenge: Type.Object({
    token: Type.String({ minLength: 1, maxLength: 500 }),
    nonce: Type.String({ minLength: 1, maxLength: 32 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type SubmitLetterBody = Static<typeof SubmitLetterBodySchema>;

export const submitLetterSchema = {
  tags: ['mailbox'],
  summary: 'Write to the mayor or the district head; answers the query code once (public)',
  body: SubmitLetterBodySchema,
  response: {
    201: Type.Object({ queryCode: Type.String(), ticketCode: Type.String(), replyDueAt: Type.Union([Type.String(), Type.Null()]) }),
    ...PUBLIC_ERRORS, 413: ErrorSchema,
  },
};

export const lookupSchema = {
  tags: ['mailbox'],
  summary: 'A letter’s status and reply by its query code (POST keeps the code out of URLs and logs; public)',
  body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      mailbox: Type.String(),
      ticketCode: Type.String(),
      subject: Type.String(),
      submittedAt: Type.String(),
      status: literalUnion(LETTER_STATUS_VALUES),
      replyDueAt: Type.Union([Type.String(), Type.Null()]),
      reply: Type.Union([Type.Object({ content: Type.String(), repliedAt: Type.String() }), Type.Null()]),
      attachments: Type.Array(Type.String()),
    }),
    ...PUBLIC_ERRORS, 404: ErrorSchema,
  },
};

export const figuresSchema = {
  tags: ['mailbox'],
  summary: 'On-time reply rate per mailbox for [from, to), with the tickets behind it',
  querystring: Type.Object({
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
  }, { additionalProperties: false }),
  response: {
    200: Type.Object({
      from: Type.String(),
      to: Type.String(),
      items: Type.Array(Type.Object({
        mailbox: Type.String(),
        received: Type.Integer(),
        lettersDue: Type.Integer(),
        repliedInTime: Type.Integer(),
        onTimeRate: Type.Union([Type.Number(), Type.Null()]),
        dueTicketIds: Type.Array(Type.String()),
        inTimeTicketIds: Type.Array(Type.String()),
      })),
    }),
    ...AUTH_ERRORS,
  },
};
