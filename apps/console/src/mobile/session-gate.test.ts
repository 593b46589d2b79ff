import { describe, expect, it } from 'vitest';
import type { SessionUser } from '#/api/auth';
import { findPhoneBlock, PHONE_BLOCKS, sanitizePhoneRedirect } from './session-gate';

const user = (patch: Partial<SessionUser> = {}): SessionUser => ({
  id: 'u1', username: 'demo-grid', displayName: '网格员 赵磊', roles: ['grid_member'],
  scope: { all: false, areaIds: ['s01g01'], unitIds: ['gt-s01g01'], categoryIds: [] },
  unitId: 'gt-s01g01', areaId: 's01g01', mustChangePassword: false, ...patch,
});

describe('findPhoneBlock', () => {
  it('lets a signed-in grid worker or unit handler in, and nobody signed in is not blocked', () => {
    expect(findPhoneBlock({ user: user(), step: null })).toBeNull();
    expect(findPhoneBlock({ user: user({ roles: ['dept_handler'] }), step: null })).toBeNull();
    expect(findPhoneBlock({ user: user({ roles: ['dept_admin', 'grid_member'] }), step: null })).toBeNull();
    expect(findPhoneBlock({ user: null, step: null })).toBeNull();
  });

  it('asks for a second-factor code on the phone, but sends its set-up and a password change to the desktop', () => {
    expect(findPhoneBlock({ user: user(), step: 'mfa_code' })).toBeNull();
    expect(findPhoneBlock({ user: user(), step: 'mfa_enrol' })).toBe(PHONE_BLOCKS.mfaEnrol);
    expect(findPhoneBlock({ user: user({ mustChangePassword: true }), step: null })).toBe(PHONE_BLOCKS.passwordChange);
  });

  it('sends roles without tickets to handle to the desktop', () => {
    expect(findPhoneBlock({ user: user({ roles: ['agent'] }), step: null })).toBe(PHONE_BLOCKS.noHandlerRole);
    expect(findPhoneBlock({ user: user({ roles: ['auditor'] }), step: null })).toBe(PHONE_BLOCKS.noHandlerRole);
  });
});

describe('sanitizePhoneRedirect', () => {
  it('keeps paths inside the phone app and drops other sites and the sign-in page', () => {
    expect(sanitizePhoneRedirect('/tickets/abc')).toBe('/tickets/abc');
    expect(sanitizePhoneRedirect(['/notifications'])).toBe('/notifications');
    expect(sanitizePhoneRedirect('//evil.example')).toBeNull();
    expect(sanitizePhoneRedirect('https://evil.example')).toBeNull();
    expect(sanitizePhoneRedirect('/login?redirect=/')).toBeNull();
    expect(sanitizePhoneRedirect(undefined)).toBeNull();
  });
});
