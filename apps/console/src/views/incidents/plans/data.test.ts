import { describe, expect, it } from 'vitest';
import { cloneRules, emptyEntry, emptyRules, toRulesBody } from './data';

describe('plan rules', () => {
  it('sends an entry without subtypes as matching every subtype, and a task to a unit or else a tier', () => {
    const rules = emptyRules();
    rules.entries.push({ ...emptyEntry(), tasks: [{ title: '封控', unitId: 'fire', tier: 1, dueMinutes: 30 }, { title: '疏散', tier: 2, dueMinutes: 60 }] });
    const body = toRulesBody(rules);
    expect(body.entries[0]).not.toHaveProperty('subtypes');
    expect(body.entries[0]!.tasks).toEqual([{ title: '封控', dueMinutes: 30, unitId: 'fire' }, { title: '疏散', dueMinutes: 60, tier: 2 }]);
  });

  it('copies rules so editing never changes what was loaded, filling missing lists', () => {
    const loaded = { ...emptyRules(), entries: [{ type: 'accident', levels: ['III'], tiers: [1, 2] } as never] };
    const copy = cloneRules(loaded);
    copy.entries[0]!.levels.push('II');
    expect(loaded.entries[0]).toMatchObject({ levels: ['III'] });
    expect(copy.entries[0]).toMatchObject({ subtypes: [], unitIds: [], tasks: [] });
  });
});
