import { describe, expect, it } from 'vitest';
import { isMobilePhone, isPhoneNumber, maskPhone, normalisePhone } from './phone';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['138 1234 1234', '138****1234'],
    ['02788881234', '027****1234'],
    ['88881234', '888*1234'],
    ['+8613812341234', '+861******1234'],
    ['1234567', '1*****7'],
    ['12345', '1***5'],
    ['1234', '1**4'],
    ['110', '***'],
    ['', ''],
    ['anonymous', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('never throws on junk', () => {
    expect(maskPhone(undefined as never)).toBe('');
    expect(maskPhone(42 as never)).toBe('');
  });
});

describe('normalisePhone', () => {
  it.each([
    ['13812341234', '13812341234'],
    [' 138-1234-1234 ', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['013812341234', '13812341234'],
    ['(027) 8888-1234', '02788881234'],
    ['+86 27 8888 1234', '02788881234'],
    ['+86 10 6666 1234', '01066661234'],
    ['12345', '12345'],
    ['110', '110'],
    ['+44 20 7946 0018', '+442079460018'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    [' - ', /empty/],
    ['anonymous', /only digits/],
    ['12', /3 to 20 digits/],
    ['1'.repeat(21), /3 to 20 digits/],
    ['138*1234', /only digits/],
  ])('refuses %j', (input, message) => {
    expect(() => normalisePhone(input)).toThrow(message);
  });

  it('never echoes the number in its error', () => {
    expect(() => normalisePhone('13812341234x')).toThrow(expect.objectContaining({
      message: expect.not.stringContaining('1381234') as unknown as string,
    }));
  });

  it('classifies', () => {
    expect(isPhoneNumber('027-88881234')).toBe(true);
    expect(isPhoneNumber('unknown')).toBe(false);
    expect(isPhoneNumber(null)).toBe(false);
    expect(isMobilePhone('13812341234')).toBe(true);
    expect(isMobilePhone('02788881234')).toBe(false);
  });
});
