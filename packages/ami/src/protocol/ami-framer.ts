import type { AmiMessage } from './ami-message';
import { parseMessageLines } from './parse-message';

export interface AmiFramerStats {
  /** Messages produced. */
  messages: number;
  /** Lines that were not `Key: value` (skipped). */
  malformedLines: number;
  /** Messages in which no line was valid (dropped). */
  malformedMessages: number;
  /** Replacement characters produced while decoding bytes that were not UTF-8. */
  invalidUtf8: number;
  /** Lines longer than `maxLineLength` (dropped). */
  oversizedLines: number;
  /** Greeting lines seen (`Asterisk Call Manager/x.y.z`). */
  greetings: number;
}

export interface AmiFramerOptions {
  /** Longest accepted line in characters; longer ones are dropped and counted. Default 65,536. */
  maxLineLength?: number;
}

const GREETING = /^Asterisk Call Manager\/(\S+)\s*$/;

/**
 * Streaming AMI framer: bytes in, messages out.
 *
 * Protocol notes: Asterisk ends lines with CRLF (a bare LF is tolerated) and a
 * message with a blank line. The connection opens with one greeting line
 * (`Asterisk Call Manager/11.0.0` — the AMI version, not Asterisk's) that has
 * no blank line after it. A TCP read can end mid-line or in the middle of a
 * multi-byte UTF-8 character (Chinese caller names), so the bytes are decoded
 * as a stream. Nothing here throws on bad input: it is counted in `stats`.
 */
export class AmiFramer {
  readonly stats: AmiFramerStats = {
    messages: 0, malformedLines: 0, malformedMessages: 0, invalidUtf8: 0, oversizedLines: 0, greetings: 0,
  };
  /** Version from the last greeting line, e.g. `11.0.0`. */
  greeting: string | null = null;

  readonly #decoder = new TextDecoder('utf-8', { fatal: false });
  readonly #maxLineLength: number;
  #pending = '';
  #skippingLongLine = false;
  #lines: string[] = [];

  constructor(options: AmiFramerOptions = {}) {
    this.#maxLineLength = options.maxLineLength ?? 65_536;
  }

  /** Feed one chunk (bytes, or an already decoded string); returns the messages it completed. */
  push(chunk: Uint8Array | string): AmiMessage[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (typeof chunk !== 'string') this.#countReplacements(text);
    return this.#consume(text);
  }

  /** Flush at end of stream: a message without its final blank line is still delivered. */
  end(): AmiMessage[] {
    const tail = this.#decoder.decode();
    this.#countReplacements(tail);
    const out = this.#consume(tail);
    if (this.#pending.length > 0 && !this.#skippingLongLine) this.#acceptLine(this.#pending, out);
    this.#pending = '';
    this.#skippingLongLine = false;
    this.#finishMessage(out);
    return out;
  }

  #countReplacements(text: string): void {
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) this.stats.invalidUtf8++;
  }

  #consume(text: string): AmiMessage[] {
    const out: AmiMessage[] = [];
    let buffer = this.#pending + text;
    let start = 0;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n', start)) {
      const end = nl > start && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (this.#skippingLongLine) this.#skippingLongLine = false;
      else this.#acceptLine(buffer.slice(start, end), out);
      start = nl + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > this.#maxLineLength) {
      this.stats.oversizedLines++;
      this.#skippingLongLine = true;
      buffer = '';
    }
    if (this.#skippingLongLine) buffer = '';
    this.#pending = buffer;
    return out;
  }

  #acceptLine(line: string, out: AmiMessage[]): void {
    if (line.length === 0) { this.#finishMessage(out); return; }
    if (line.length > this.#maxLineLength) { this.stats.oversizedLines++; return; }
    if (this.#lines.length === 0) {
      const greeting = GREETING.exec(line);
      if (greeting) { this.greeting = greeting[1] ?? null; this.stats.greetings++; return; }
    }
    this.#lines.push(line);
  }

  #finishMessage(out: AmiMessage[]): void {
    if (this.#lines.length === 0) return;
    const message = parseMessageLines(this.#lines);
    this.#lines = [];
    this.stats.malformedLines += message.malformedLines;
    if (Object.keys(message.fields).length === 0) { this.stats.malformedMessages++; return; }
    this.stats.messages++;
    out.push(message);
  }
}

/** Frame a whole recording (or any complete byte string) in one go. */
export function frameAll(bytes: Uint8Array | string, options?: AmiFramerOptions): { messages: AmiMessage[]; framer: AmiFramer } {
  const framer = new AmiFramer(options);
  const messages = framer.push(bytes);
  messages.push(...framer.end());
  return { messages, framer };
}
