import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

/** Flattens nested messages into dotted keys with their string values. */
function flattenMessages(messages: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') flattenMessages(value, path).forEach((v, k) => out.set(k, v));
    else out.set(path, value);
  }
  return out;
}

/** Names the placeholders ({time}) a message uses, so both languages interpolate the same values. */
function listPlaceholders(message: unknown): string[] {
  return [...String(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locale files', () => {
  const zhKeys = flattenMessages(zhCN);
  const enKeys = flattenMessages(en);

  it('have exactly the same keys', () => {
    const missingInEn = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
    const missingInZh = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInZh).toEqual([]);
    expect(zhKeys.size).toBeGreaterThan(50);
  });

  it('have a non-empty string for every key', () => {
    for (const [key, value] of [...zhKeys, ...enKeys]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, value] of zhKeys) expect(listPlaceholders(enKeys.get(key)), key).toEqual(listPlaceholders(value));
  });

  it('name every role of the domain', async () => {
    const { ROLE_VALUES } = await import('@yixian/domain');
    for (const role of ROLE_VALUES) {
      expect(zhKeys.has(`roles.${role}`), role).toBe(true);
      expect(enKeys.has(`roles.${role}`), role).toBe(true);
    }
  });
});
