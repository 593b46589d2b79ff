import { describe, expect, it } from 'vitest';
import { wavDurationFromHeader } from './wav-duration.js';

/** A WAV header of 8 kHz mono 16-bit PCM (16 000 bytes a second) declaring `dataSize`, optionally with a LIST chunk first. */
function header(dataSize: number, list = false): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0);
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE(16_000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const info = Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx'), Buffer.alloc(1)]);
  const data = Buffer.alloc(8);
  data.write('data', 0);
  data.writeUInt32LE(dataSize, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0);
  riff.write('WAVE', 8);
  return Buffer.concat([riff, fmt, ...(list ? [info] : []), data]);
}

describe('wavDurationFromHeader', () => {
  it('reads the length from the data chunk and the byte rate', () => {
    expect(wavDurationFromHeader(header(32_000), 44 + 32_000)).toBe(2);
    expect(wavDurationFromHeader(header(24_000, true), 58 + 24_000)).toBe(1.5);
  });

  it('counts the bytes on disk when the header was never completed, or promises more than there is', () => {
    expect(wavDurationFromHeader(header(0), 44 + 16_000)).toBe(1);
    expect(wavDurationFromHeader(header(0xffff_ffff), 44 + 8000)).toBe(0.5);
    expect(wavDurationFromHeader(header(160_000), 44 + 16_000)).toBe(1);
  });

  it('knows nothing of a file that is no WAV, or whose header is cut short', () => {
    expect(wavDurationFromHeader(Buffer.from('not a wav at all, not at all'), 28)).toBeUndefined();
    expect(wavDurationFromHeader(header(16_000).subarray(0, 30), 30)).toBeUndefined();
    expect(wavDurationFromHeader(Buffer.alloc(0), 0)).toBeUndefined();
  });
});
