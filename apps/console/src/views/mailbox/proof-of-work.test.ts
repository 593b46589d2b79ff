import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countLeadingZeroBits, sha256, solveChallenge } from './proof-of-work';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('proof of work', () => {
  it('hashes like node:crypto for every padding length', () => {
    for (let length = 0; length < 200; length += 1) {
      const input = randomBytes(length);
      expect(hex(sha256(input)), `length ${length}`).toBe(createHash('sha256').update(input).digest('hex'));
    }
  });

  it('finds a nonce the server accepts', async () => {
    const salt = randomBytes(16).toString('hex');
    const nonce = await solveChallenge(salt, 12);
    expect(countLeadingZeroBits(createHash('sha256').update(`${salt}:${nonce}`).digest())).toBeGreaterThanOrEqual(12);
  });

  it('counts zero bits', () => {
    expect(countLeadingZeroBits(new Uint8Array([0, 0x10, 0xff]))).toBe(11);
    expect(countLeadingZeroBits(new Uint8Array([0x80]))).toBe(0);
  });
});
