/**
 * Bad AMI frames for the fuzz, each of a kind the product's framer must count exactly:
 * garbage (no `Key: value` line: one malformed message), invalid UTF-8 (one replacement
 * character per bad byte), oversized (one line over 64 KiB), and frames that are well formed
 * but say nonsense (known event names with missing or absurd fields: they must not throw).
 */

/** Deterministic random numbers, so a failing fuzz can be replayed from its seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FuzzExpectation {
  good: number;
  garbage: number;
  invalidUtf8Bytes: number;
  oversized: number;
  nonsense: number;
}

const CRLF = '\r\n';
const NONSENSE_EVENTS = ['QueueCallerJoin', 'AgentCalled', 'AgentConnect', 'AgentComplete', 'QueueCallerAbandon', 'BlindTransfer', 'AttendedTransfer', 'QueueMemberStatus', 'QueueMemberPause', 'AgentRingNoAnswer', 'FullyBooted'];
const ABSURD = ['', '-1', 'abc', '99999999999999999999', '\\\'', '=', 'HOTLINE', 'HOTLINE=', '<unknown>', ':::', 'Local/;1'];

export function createFrameMaker(random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const printable = (length: number) => Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('').replaceAll(':', '.');
  const expectation: FuzzExpectation = { good: 0, garbage: 0, invalidUtf8Bytes: 0, oversized: 0, nonsense: 0 };
  return {
    expectation,
    good(seq: number): Buffer {
      expectation.good += 1;
      return Buffer.from(`Event: UserEvent${CRLF}UserEvent: DrillGood${CRLF}Seq: ${seq}${CRLF}${CRLF}`);
    },
    garbage(): Buffer {
      expectation.garbage += 1;
      return Buffer.from(`${printable(1 + Math.floor(random() * 200))}${CRLF}${CRLF}`);
    },
    invalidUtf8(): Buffer {
      const count = 1 + Math.floor(random() * 5);
      expectation.invalidUtf8Bytes += count;
      return Buffer.concat([Buffer.from(`Event: DrillBadBytes${CRLF}Data: `), Buffer.alloc(count, 0xff), Buffer.from(`${CRLF}${CRLF}`)]);
    },
    oversized(): Buffer {
      expectation.oversized += 1;
      return Buffer.from(`Event: DrillHuge${CRLF}Data: ${'A'.repeat(70_000 + Math.floor(random() * 130_000))}${CRLF}${CRLF}`);
    },
    nonsense(): Buffer {
      expectation.nonsense += 1;
      const lines = [`Event: ${pick(NONSENSE_EVENTS)}`];
      for (const key of ['Linkedid', 'Uniqueid', 'Queue', 'Position', 'HoldTime', 'TalkTime', 'RingTime', 'Interface', 'MemberName', 'ChanVariable', 'CallerIDNum', 'Timestamp', 'Status', 'Paused', 'Uptime']) {
        if (random() < 0.6) lines.push(`${key}: ${random() < 0.5 ? pick(ABSURD) : printable(1 + Math.floor(random() * 40))}`);
      }
      return Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}`);
    },
  };
}
