import { describe, expect, it } from 'vitest';
import { CENTRE_ROLES, ROLES, ROLE_VALUES, UNIT_ROLES, isRole } from './roles';

describe('roles', () => {
  it('lists the nine roles of DOMAIN.md and the knowledge editor in order, keys equal to values', () => {
    expect(ROLE_VALUES).toEqual([
      'agent', 'shift_lead', 'dispatcher', 'dept_handler', 'dept_admin',
      'grid_member', 'commander', 'admin', 'auditor', 'kb_editor',
    ]);
    for (const [key, value] of Object.entries(ROLES)) expect(key).toBe(value);
    expect(Object.isFrozen(ROLE_VALUES)).toBe(true);
  });

  it('guards untrusted strings', () => {
    expect(isRole('dispatcher')).toBe(true);
    expect(isRole('Dispatcher')).toBe(false);
    expect(isRole('toString')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('keeps admin, auditor and the knowledge editor out of both the centre (which reads confidential tickets) and the units', () => {
    expect([...CENTRE_ROLES, ...UNIT_ROLES].sort()).toEqual(
      ROLE_VALUES.filter((role) => role !== 'admin' && role !== 'auditor' && role !== 'kb_editor').sort());
  });
});
