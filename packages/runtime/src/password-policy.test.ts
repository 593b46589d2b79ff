import { describe, expect, it } from 'vitest';
import { findPasswordProblem, generateOneTimePassword, isCommonPassword } from './password-policy.js';

describe('password policy', () => {
  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(findPasswordProblem('Kx9!mQ2#vL7')).toBe('too_short');
    expect(findPasswordProblem('一线热线服务中心账号密码')).toBeNull();
    expect(findPasswordProblem('一线热线服务中心账号密')).toBe('too_short');
  });

  it('refuses common passwords, bare, padded with digits and signs, or a repeated chunk', () => {
    for (const common of ['qwerty123456', '1qaz2wsx3edc', 'password2024!', '!!sunshine2026', 'abcabcabcabc', 'aaaaaaaaaaaa', 'QAZWSXEDCRFV']) {
      expect(findPasswordProblem(common), common).toBe('too_common');
    }
    expect(isCommonPassword('tide-lantern-orchard-47')).toBe(false);
  });

  it('refuses a password holding the username', () => {
    expect(findPasswordProblem('demo-agent-2026-spring', { username: 'demo-agent' })).toBe('contains_username');
    expect(findPasswordProblem('tide-lantern-orchard-47', { username: 'demo-agent' })).toBeNull();
  });

  it('makes one-time passwords that the policy accepts, each different', () => {
    const made = new Set(Array.from({ length: 200 }, () => generateOneTimePassword()));
    expect(made.size).toBe(200);
    for (const password of made) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(findPasswordProblem(password)).toBeNull();
    }
  });
});
