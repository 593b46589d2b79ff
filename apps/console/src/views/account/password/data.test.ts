import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCookieFetch, startApiTestServer, type ApiTestServer } from '../../../../test/api-test-server';
import { ApiError } from '#/api/api-error';
import { changePassword, loginWithPassword } from '#/api/auth';
import { requestClient } from '#/api/client';
import { i18n } from '#/locales';
import { buildPasswordRules, describePasswordError, type PasswordForm } from './data';

let server: ApiTestServer;

beforeAll(async () => {
  server = await startApiTestServer([
    { username: 'agent-1', password: 'current-password-1', displayName: 'Agent', roles: ['agent'] },
    { username: 'agent-2', password: 'current-password-2', displayName: 'Agent', roles: ['agent'] },
  ]);
});
afterAll(() => server.close());

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

async function signIn(username: string, password: string): Promise<void> {
  requestClient.configure({ baseUrl: server.baseUrl, fetch: createCookieFetch(), onError: () => undefined });
  const session = await loginWithPassword({ username, password });
  requestClient.setCsrfToken(session.csrfToken);
}

/** The message the page shows for the API's refusal of this change, in the given language. */
async function refusalOf(change: { currentPassword: string; newPassword: string }, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<string | null> {
  const error = await changePassword(change).then(() => null, (e: unknown) => e);
  expect(error).not.toBeNull();
  i18n.global.locale.value = locale;
  return describePasswordError(error, i18n.global.t, locale);
}

describe('the change-password page says why the API refused, in words', () => {
  it('names a wrong current password and each broken rule of the new one, in both languages', async () => {
    await signIn('agent-1', 'current-password-1');
    expect(await refusalOf({ currentPassword: 'wrong-one', newPassword: 'a-new-long-passphrase' })).toBe('当前密码不正确（连续输错五次账号将被锁定）');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'short' })).toBe('新密码太短：至少需要 12 个字符');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'password1234' })).toBe('新密码太常见，容易被猜到，请换一个');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'my-agent-1-password' })).toBe('新密码不能包含用户名');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'current-password-1' })).toBe('新密码不能与最近五次使用过的密码相同');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'current-password-1' }, 'en'))
      .toBe('The new password must not be one of your last five passwords');
    expect(await refusalOf({ currentPassword: 'current-password-1', newPassword: 'password1234' }, 'en'))
      .toBe('The new password is too common and easy to guess; choose another');
  });

  it('says until when the account is locked after five wrong current passwords', async () => {
    await signIn('agent-2', 'current-password-2');
    for (let i = 0; i < 4; i += 1) await refusalOf({ currentPassword: 'wrong-one', newPassword: 'a-new-long-passphrase' });
    const message = await refusalOf({ currentPassword: 'wrong-one', newPassword: 'a-new-long-passphrase' });
    expect(message).toMatch(/^账号已被锁定，请于 2026-03-01 \d\d:05 后再试$/);
  });

  it('shows no raw code for a reason it does not know, and leaves other failures to the client', () => {
    i18n.global.locale.value = 'en';
    const unknown = new ApiError({ status: 400, code: 'password_rejected', message: '', details: { details: { reason: 'too_sunny' } } });
    expect(describePasswordError(unknown, i18n.global.t, 'en')).toBe('The new password does not meet the rules; choose another');
    expect(describePasswordError(new Error('network'), i18n.global.t, 'en')).toBeNull();
  });
});

describe('the change-password form', () => {
  it('asks for the new password twice, the same, and at least 12 characters long before sending', async () => {
    i18n.global.locale.value = 'en';
    const form: PasswordForm = { currentPassword: 'x', newPassword: 'long-enough-pass', confirmPassword: 'long-enough-typo' };
    const rules = buildPasswordRules(i18n.global.t, form);
    const confirmRules = rules.confirmPassword as Array<{ validator?: (rule: unknown, value: string, cb: (e?: Error) => void) => void }>;
    const validator = confirmRules.find((r) => r.validator)?.validator;
    const outcome = (value: string) => new Promise<string | undefined>((resolve) => validator?.({}, value, (e) => resolve(e?.message)));
    expect(await outcome('long-enough-typo')).toBe('The two new passwords differ');
    expect(await outcome('long-enough-pass')).toBeUndefined();
    expect(rules.newPassword).toContainEqual(expect.objectContaining({ min: 12 }));
  });
});
