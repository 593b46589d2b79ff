import { describe, expect, it } from 'vitest';
import { ApiError } from '#/api/api-error';
import { i18n } from '#/locales';
import { buildLoginRules, describeLoginError, formatLockedUntil } from './data';

const t = (key: string, values?: Record<string, unknown>): string => i18n.global.t(key, values ?? {});

describe('login form data', () => {
  it('names a wrong password in the current language', () => {
    const error = new ApiError({ status: 401, code: 'invalid_credentials', message: 'x' });
    i18n.global.locale.value = 'zh-CN';
    expect(describeLoginError(error, t, 'zh-CN')).toBe('用户名或密码错误');
    i18n.global.locale.value = 'en';
    expect(describeLoginError(error, t, 'en')).toBe('Wrong username or password');
  });

  it('shows when a locked account opens again', () => {
    i18n.global.locale.value = 'en';
    const lockedUntil = '2030-01-02T03:04:05.000Z';
    const error = new ApiError({ status: 423, code: 'account_locked', message: 'x', details: { lockedUntil } });
    const message = describeLoginError(error, t, 'en');
    expect(message).toContain(formatLockedUntil(lockedUntil, 'en') as string);
    expect(message).toMatch(/^This account is locked\. Try again after .*\d/);
  });

  it('falls back to a timeless lock message when lockedUntil is missing or invalid', () => {
    i18n.global.locale.value = 'zh-CN';
    const error = new ApiError({ status: 423, code: 'account_locked', message: 'x', details: { lockedUntil: 'soon' } });
    expect(describeLoginError(error, t, 'zh-CN')).toBe('账号已被锁定，请稍后再试或联系管理员');
    expect(formatLockedUntil(undefined, 'zh-CN')).toBeNull();
  });

  it('leaves other failures to the request client', () => {
    expect(describeLoginError(new ApiError({ status: 0, code: 'network_error', message: '' }), t, 'en')).toBeNull();
    expect(describeLoginError(new Error('boom'), t, 'en')).toBeNull();
  });

  it('requires both fields', () => {
    const rules = buildLoginRules(t);
    expect(rules.username).toEqual([expect.objectContaining({ required: true })]);
    expect(rules.password).toEqual([expect.objectContaining({ required: true })]);
  });
});
