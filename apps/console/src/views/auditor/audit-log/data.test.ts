import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../../api/src/modules/audit/audit.service';
import zhCN from '#/locales/zh-CN';
import { actionKey, actionLabel, actionOfKey, fieldChanges, otherDetails, reasonLabel } from './data';

const actions = zhCN.audit.actions as Record<string, string>;
const lookup = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
const t = (key: string, values?: Record<string, unknown>) => String(lookup(key) ?? key).replace('{action}', String(values?.action ?? ''));
const te = (key: string) => typeof lookup(key) === 'string';

describe('the audit log in words', () => {
  it('names every action the API audits, and maps each label back to its action', () => {
    for (const action of Object.values(AUDIT_ACTIONS)) {
      expect(te(actionKey(action)), action).toBe(true);
      expect(actionLabel(t, te, action)).not.toContain(action);
    }
    expect(Object.keys(actions).map(actionOfKey).sort()).toEqual([...new Set(Object.values(AUDIT_ACTIONS))].sort());
  });

  it('marks an action it does not know instead of hiding it', () => {
    expect(actionLabel(t, te, 'future.act')).toBe('future.act（未命名的操作）');
  });

  it('names the sign-in refusals’ reasons and leaves a person’s own reason as written', () => {
    for (const code of ['invalid_credentials', 'account_disabled', 'locked', 'forbidden']) {
      expect(reasonLabel(t, te, code)).not.toBe(code);
    }
    expect(reasonLabel(t, te, 'invalid_credentials')).toBe('用户名或密码错误');
    expect(reasonLabel(t, te, '回访核实来电人身份')).toBe('回访核实来电人身份');
    expect(reasonLabel(t, te, 'some_new_code')).toBe('some_new_code');
    expect(reasonLabel(t, te, null)).toBe('');
  });

  it('shows an administrative change as its fields, before → after, without the version', () => {
    const details = {
      version: 3, changed: ['dutyPhone', 'linkageTier', 'version'], summary: { tickets: 2 },
      before: { dutyPhone: '0731-88880000', linkageTier: null, version: 2 }, after: { dutyPhone: '0731-88881111', linkageTier: 1, version: 3 },
    };
    expect(fieldChanges(details)).toEqual([
      { field: 'dutyPhone', before: '0731-88880000', after: '0731-88881111' },
      { field: 'linkageTier', before: '—', after: '1' },
    ]);
    expect(otherDetails(details)).toEqual([{ key: 'version', value: '3' }, { key: 'summary', value: '{"tickets":2}' }]);
    expect(fieldChanges({ maskedNumber: '139****5678' })).toEqual([]);
  });
});
