/** A value the serializer accepts: arrays become repeated lines, undefined/null are left out. */
export type AmiOutgoingValue = string | number | boolean | readonly (string | number)[] | undefined | null;
export type AmiOutgoing = Record<string, AmiOutgoingValue>;

/** Thrown when an outgoing message would break the framing (newline in a value, bad key). */
export class AmiProtocolError extends Error {
  override readonly name = 'AmiProtocolError';
}

const KEY = /^[A-Za-z0-9_()\-./@;]+$/;

/**
 * Serialize fields as `Key: value\r\n…\r\n\r\n`, keys in the order given
 * (Asterisk reads `Action` wherever it is, but humans reading a capture expect it first).
 * A CR or LF inside a value would let one field inject a second message, so it is refused.
 */
export function serializeMessage(fields: AmiOutgoing): string {
  let out = '';
  for (const [key, raw] of Object.entries(fields)) {
    if (raw === undefined || raw === null) continue;
    if (!KEY.test(key)) throw new AmiProtocolError(`AMI field name ${JSON.stringify(key)} is not a valid header name`);
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      const text = String(value);
      if (/[\r\n]/.test(text)) throw new AmiProtocolError(`AMI field ${key} contains a line break`);
      out += `${key}: ${text}\r\n`;
    }
  }
  if (out.length === 0) throw new AmiProtocolError('AMI message has no fields');
  return `${out}\r\n`;
}
