import { describe, expect, it } from 'vitest';
import { sanitizeRedirect } from './redirect';

describe('sanitizeRedirect', () => {
  it('keeps paths inside the console, with their query', () => {
    expect(sanitizeRedirect('/inbox?page=2')).toBe('/inbox?page=2');
    expect(sanitizeRedirect(['/desk', '/audit'])).toBe('/desk');
  });

  it('refuses other sites, protocol-relative and backslash tricks', () => {
    for (const value of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'inbox']) {
      expect(sanitizeRedirect(value), value).toBeNull();
    }
  });

  it('refuses a loop back to login and non-strings', () => {
    expect(sanitizeRedirect('/login?redirect=/desk')).toBeNull();
    expect(sanitizeRedirect(undefined)).toBeNull();
    expect(sanitizeRedirect(42)).toBeNull();
  });
});
