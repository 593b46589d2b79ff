/**
 * The raw AMI message: one block of `Key: value` lines ended by a blank line.
 * Keys keep Asterisk's spelling (`Uniqueid`, `ChanVariable`, `DestLinkedid`);
 * a key that appears more than once (ChanVariable with several variables,
 * `Output` lines) becomes an array in the order received.
 */
export type AmiFieldValue = string | string[];
export type AmiFields = Record<string, AmiFieldValue>;

export interface AmiMessage {
  fields: AmiFields;
  /** First `Event` value, when the message is an event. */
  event?: string;
  /** First `Response` value, when it answers an action (OriginateResponse events carry both). */
  response?: string;
  /** First `ActionID` value. */
  actionId?: string;
  /** Lines in this message that were not `Key: value` and were skipped. */
  malformedLines: number;
}

/**
 * First value of a field. Exact key first, then a case-insensitive match, so
 * callers can read messages whose keys were lower-cased by another parser.
 */
export function getField(message: AmiMessage | AmiFields, key: string): string | undefined {
  const fields = 'fields' in message && typeof message.fields === 'object' && !Array.isArray(message.fields)
    ? (message as AmiMessage).fields
    : (message as AmiFields);
  let value = fields[key];
  if (value === undefined) {
    const lower = key.toLowerCase();
    for (const k of Object.keys(fields)) {
      if (k.toLowerCase() === lower) { value = fields[k]; break; }
    }
  }
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a field (repeated keys), in order; empty when absent. */
export function getFieldValues(message: AmiMessage, key: string): string[] {
  const value = message.fields[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? [...value] : [value];
}

/** Build an AmiMessage from fields, filling the convenience properties. */
export function createMessage(fields: AmiFields, malformedLines = 0): AmiMessage {
  const message: AmiMessage = { fields, malformedLines };
  const event = getField(fields, 'Event');
  const response = getField(fields, 'Response');
  const actionId = getField(fields, 'ActionID');
  if (event !== undefined) message.event = event;
  if (response !== undefined) message.response = response;
  if (actionId !== undefined) message.actionId = actionId;
  return message;
}
