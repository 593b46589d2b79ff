import * as domain from '@yixian/domain';
import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

type Messages = Record<string, unknown>;
const pick = (messages: Messages, path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node as Messages | undefined)?.[key], messages);

/** Every code name of packages/domain/src/incident-enums.ts and where the console labels it. */
const LABELLED: [string, readonly string[]][] = [
  ['emergency.types', domain.INCIDENT_TYPE_VALUES],
  ['emergency.subtypes', Object.values(domain.INCIDENT_SUBTYPES).flat()],
  ['emergency.levels', domain.INCIDENT_LEVEL_VALUES],
  ['emergency.levelShort', domain.INCIDENT_LEVEL_VALUES],
  ['emergency.states', domain.INCIDENT_STATE_VALUES],
  ['emergency.sources', domain.INCIDENT_SOURCE_VALUES],
  ['emergency.reportKinds', domain.INCIDENT_REPORT_KIND_VALUES],
  ['emergency.clocks', Object.values(domain.REPORT_CLOCKS)],
  ['emergency.activationStates', domain.ACTIVATION_STATE_VALUES],
  ['emergency.fieldStatuses', domain.FIELD_STATUS_VALUES],
  ['emergency.callOutcomes', domain.ALERT_CALL_OUTCOME_VALUES],
  ['emergency.dutyRoles', domain.DUTY_ROLE_VALUES],
  ['emergency.taskStates', domain.TASK_STATE_VALUES],
  ['emergency.resourceKinds', domain.RESOURCE_KIND_VALUES],
  ['emergency.measures', domain.RESOURCE_MEASURE_VALUES],
  ['emergency.allocationStates', domain.ALLOCATION_STATE_VALUES],
  ['emergency.warningLevels', domain.WARNING_LEVEL_VALUES],
  ['emergency.warningTypes', domain.WARNING_TYPE_VALUES],
  ['emergency.warningStates', domain.WARNING_STATE_VALUES],
  ['incident.actions', ['verify', 'file', 'dismiss', 'respond', 'relevel', 'handle', 'close']],
];

describe('emergency labels', () => {
  it.each(LABELLED)('name every code of %s in both languages', (prefix, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      for (const messages of [zhCN, en]) {
        const label = pick(messages as Messages, `${prefix}.${code}`);
        expect(typeof label, `${prefix}.${code}`).toBe('string');
        expect(label, `${prefix}.${code}`).not.toBe(code);
      }
    }
  });

  it('give no subtype two types', () => {
    const all = Object.values(domain.INCIDENT_SUBTYPES).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
