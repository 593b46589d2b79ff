/** Pure helpers of the plan editor: an empty plan's rules and a fresh entry. */
import type { PlanEntry, PlanRules } from '#/api/response-plans';

export function emptyRules(): PlanRules {
  return {
    reporting: { initialMinutes: 30, initialClock: 'clock', followUpMinutes: 120, followUpClock: 'clock', finalMinutes: 1440, finalClock: 'working' },
    retry: { attempts: 2, intervalSeconds: 120, ringSeconds: 30 },
    entries: [],
  };
}

export function emptyEntry(): PlanEntry {
  return { type: 'natural_disaster', subtypes: [], levels: ['IV'], tiers: [1], unitIds: [], tasks: [] };
}

/** A deep copy the editor may change without touching what was loaded. */
export function cloneRules(rules: PlanRules): PlanRules {
  const copy = JSON.parse(JSON.stringify(rules)) as PlanRules;
  for (const entry of copy.entries) {
    entry.subtypes ??= [];
    entry.unitIds ??= [];
    entry.tasks ??= [];
    entry.tiers ??= [];
  }
  return copy;
}

/** The rules as sent: empty subtype lists dropped (an entry without subtypes matches every subtype). */
export function toRulesBody(rules: PlanRules): PlanRules {
  return {
    ...rules,
    entries: rules.entries.map((entry) => {
      const { subtypes, ...rest } = entry;
      return {
        ...rest,
        ...(subtypes && subtypes.length ? { subtypes } : {}),
        tasks: entry.tasks.map((task) => ({
          title: task.title,
          dueMinutes: task.dueMinutes,
          ...(task.unitId ? { unitId: task.unitId } : {}),
          ...(!task.unitId && task.tier ? { tier: task.tier } : {}),
        })),
      };
    }),
  };
}

export const TIERS: readonly number[] = [1, 2, 3];
