import { describe, expect, it } from 'vitest';
import { AmiFramer, frameAll, getField, getFieldValues, parseChanVariables, findChanVariable, serializeMessage, AmiProtocolError } from '../src/index';
import type { AmiMessage } from '../src/index';
import { listRecordings, readRecording } from './recordings';

function feed(chunks: Uint8Array[]): { messages: AmiMessage[]; framer: AmiFramer } {
  const framer = new AmiFramer();
  const messages: AmiMessage[] = [];
  for (const chunk of chunks) messages.push(...framer.push(chunk));
  messages.push(...framer.end());
  return { messages, framer };
}

const names = listRecordings();

/** Byte offsets where messages start (0, after each blank line, and the end). */
function messageBounds(bytes: Buffer): number[] {
  const out = [0];
  for (let i = bytes.indexOf('\r\n\r\n'); i !== -1; i = bytes.indexOf('\r\n\r\n', i + 4)) out.push(i + 4);
  if (out[out.length - 1] !== bytes.length) out.push(bytes.length);
  return out;
}

describe('AmiFramer on real recordings', () => {
  it('finds the recordings', () => {
    expect(names).toEqual(expect.arrayContaining(['a_answered', 'b_abandon', 'c_two_calls', 'f2_blind_transfer', 'g_ring_noanswer']));
  });

  for (const name of names) {
    // Thousands of full framings per recording: seconds each on an idle core, so a generous limit.
    it(`${name}: identical messages for every two-chunk split and for batches`, { timeout: 300_000 }, () => {
      const bytes = readRecording(name);
      const whole = frameAll(bytes);
      const blankLines = bytes.toString('latin1').split('\r\n\r\n').length - 1;
      expect(whole.messages.length).toBe(blankLines);
      expect(whole.framer.greeting).toBe('11.0.0');
      expect(whole.framer.stats.malformedLines).toBe(0);
      expect(whole.framer.stats.invalidUtf8).toBe(0);
      const expected = JSON.stringify(whole.messages);
      // Every byte boundary, two chunks. Framing the whole file once per byte is O(n²)
      // (minutes for 140 KB), so each cut is framed inside a window of two messages (the one cut and the one before)
      // ; the framer keeps no state across a message boundary except the
      // greeting, which the first window includes. The whole file is also cut at a stride.
      const bounds = messageBounds(bytes);
      for (let i = 0; i < bounds.length - 1; i++) {
        const from = bounds[Math.max(0, i - 1)]!;
        const to = bounds[i + 1]!;
        const window = bytes.subarray(from, to);
        const want = JSON.stringify(feed([window]).messages);
        // One framer for all cuts of this window: each window ends on a message boundary,
        // so the framer is back to a clean state after every pass (which is itself checked).
        const framer = new AmiFramer();
        for (let cut = bounds[i]! + 1; cut <= bounds[i + 1]!; cut++) {
          const got = JSON.stringify([...framer.push(window.subarray(0, cut - from)), ...framer.push(window.subarray(cut - from))]);
          if (got !== want) expect.fail(`${name}: split at byte ${cut} changed the messages`);
        }
      }
      for (let cut = 1; cut < bytes.length; cut += 2003) {
        const got = JSON.stringify(feed([bytes.subarray(0, cut), bytes.subarray(cut)]).messages);
        if (got !== expected) expect.fail(`${name}: whole-file split at byte ${cut} changed the messages`);
      }
      for (const size of [1, 3, 7, 64, 1500, 65536]) {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        expect(JSON.stringify(feed(chunks).messages), `batch size ${size}`).toBe(expected);
      }
    });
  }

  it('keeps Asterisk spelling and turns repeated keys into arrays', () => {
    const { messages } = frameAll(readRecording('a_answered'));
    const join = messages.find((m) => m.event === 'QueueCallerJoin');
    expect(join?.fields).toMatchObject({ Uniqueid: '1795965236.1', Linkedid: '1795965236.0', ChanVariable: 'HOTLINE=12345', Queue: 'hotline' });
    const framer = new AmiFramer();
    const [msg] = framer.push(Buffer.from('Event: X\r\nChanVariable: A=1\r\nChanVariable: B=2\r\n\r\n'));
    expect(msg?.fields.ChanVariable).toEqual(['A=1', 'B=2']);
    expect(getFieldValues(msg!, 'ChanVariable')).toEqual(['A=1', 'B=2']);
    expect(getField(msg!, 'event')).toBe('X');
  });
});

describe('AmiFramer on bad input', () => {
  it('counts malformed lines and messages, never throws', () => {
    const framer = new AmiFramer();
    const out = framer.push(Buffer.from('Event: A\r\nno colon here\r\n: empty key\r\nKey: v\r\n\r\ngarbage only\r\n\r\n\r\n\r\nEvent: B\r\n\r\n'));
    expect(out.map((m) => m.event)).toEqual(['A', 'B']);
    expect(out[0]?.malformedLines).toBe(2);
    expect(framer.stats).toMatchObject({ messages: 2, malformedLines: 3, malformedMessages: 1 });
  });

  it('counts bytes that are not UTF-8 and keeps the rest of the message', () => {
    const framer = new AmiFramer();
    const bad = Buffer.concat([Buffer.from('Event: A\r\nCallerIDName: x'), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('y\r\n\r\n')]);
    const out = framer.push(bad);
    expect(out).toHaveLength(1);
    expect(framer.stats.invalidUtf8).toBe(2);
    expect(out[0]?.fields.CallerIDName).toBe('x\uFFFD\uFFFD(y');
  });

  it('decodes a Chinese name split inside a character', () => {
    const bytes = Buffer.from('Event: A\r\nCallerIDName: 张三丰\r\n\r\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const msgs = feed([bytes.subarray(0, cut), bytes.subarray(cut)]).messages;
      expect(msgs[0]?.fields.CallerIDName).toBe('张三丰');
    }
  });

  it('drops an oversized line and recovers', () => {
    const framer = new AmiFramer({ maxLineLength: 100 });
    const out = framer.push(Buffer.from(`Event: A\r\nBig: ${'x'.repeat(500)}`));
    out.push(...framer.push(Buffer.from(`${'y'.repeat(500)}\r\nOk: 1\r\n\r\n`)));
    expect(out).toHaveLength(1);
    expect(out[0]?.fields).toEqual({ Event: 'A', Ok: '1' });
    expect(framer.stats.oversizedLines).toBe(1);
  });
});

describe('serializeMessage', () => {
  it('writes CRLF lines, a blank line, repeated keys; and parses back', () => {
    const text = serializeMessage({ Action: 'Originate', ActionID: 'x-1', Variable: ['A=1', 'B=2'], Async: true, Skip: undefined });
    expect(text).toBe('Action: Originate\r\nActionID: x-1\r\nVariable: A=1\r\nVariable: B=2\r\nAsync: true\r\n\r\n');
    expect(frameAll(text).messages[0]?.fields.Variable).toEqual(['A=1', 'B=2']);
  });

  it('refuses line breaks and bad keys with a clear error', () => {
    expect(() => serializeMessage({ Action: 'Ping\r\nAction: Logoff' })).toThrow(/Action contains a line break/);
    expect(() => serializeMessage({ 'Bad Key': 'x' })).toThrow(AmiProtocolError);
    expect(() => serializeMessage({})).toThrow(/no fields/);
  });
});

describe('parseChanVariables', () => {
  it('reads the three spellings and the asterisk-manager object form', () => {
    const { messages } = frameAll(readRecording('f2_blind_transfer'));
    const originate = messages.find((m) => m.event === 'OriginateResponse')!;
    expect(parseChanVariables(originate).channel).toEqual({ HOTLINE: '' });
    expect(findChanVariable(originate, 'HOTLINE')).toBeUndefined();
    const transfer = messages.find((m) => m.event === 'BlindTransfer')!;
    expect(parseChanVariables(transfer).prefixed).toEqual({ transferer: { HOTLINE: '12351' }, transferee: { HOTLINE: '12351' } });
    expect(findChanVariable(transfer, 'HOTLINE')).toBe('12351');
    const called = messages.find((m) => m.event === 'AgentCalled')!;
    expect(parseChanVariables(called)).toMatchObject({ channel: { HOTLINE: '12351' }, dest: { HOTLINE: '12351' } });
    expect(findChanVariable({ chanvariable: { HOTLINE: '110' } }, 'HOTLINE')).toBe('110');
    expect(findChanVariable({ Variable: '__HOTLINE=1', chanvariable: '__HOTLINE=12345' }, 'HOTLINE')).toBe('12345');
  });
});
