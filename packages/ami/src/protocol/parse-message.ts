import { createMessage, type AmiFields, type AmiMessage } from './ami-message';

/**
 * Turn the lines of one message into an AmiMessage. A line without a colon, or
 * with an empty key, is counted in `malformedLines` and skipped: a stray line
 * from a buggy module must not cost us the whole event.
 * The value is everything after the first colon, minus one leading space
 * (values such as `AccountCode: ` are legitimately empty).
 */
export function parseMessageLines(lines: readonly string[]): AmiMessage {
  const fields: AmiFields = {};
  let malformed = 0;
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) { malformed++; continue; }
    const key = line.slice(0, colon).trim();
    if (key.length === 0 || /\s/.test(key)) { malformed++; continue; }
    let value = line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    const previous = fields[key];
    if (previous === undefined) fields[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else fields[key] = [previous, value];
  }
  return createMessage(fields, malformed);
}
