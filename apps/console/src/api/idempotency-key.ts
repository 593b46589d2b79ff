/**
 * `Idempotency-Key`s the console sends: a request whose answer may be lost (no signal, a timeout,
 * a 502 when the API copy behind the proxy died mid-request) carries one, and sending it again
 * under the same key is answered with what the first did instead of doing it twice.
 */

/** A fresh key: a UUID where the browser offers one (a secure context), else 32 random hex digits. */
export function createIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per submission of a form: the same for every send of that submission (a click again
 * after a 502 or a lost answer), a new one once it went through or the form was cleared.
 */
export interface SubmissionKey {
  /** The submission's key, made on its first send. */
  current(): string;
  /** Ends the submission: the next send starts a new one. */
  finish(): void;
}

export function createSubmissionKey(): SubmissionKey {
  let key: string | null = null;
  return {
    current: () => (key ??= createIdempotencyKey()),
    finish: () => {
      key = null;
    },
  };
}
