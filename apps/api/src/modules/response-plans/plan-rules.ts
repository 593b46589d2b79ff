/**
 * A response plan version's rules (应急预案): the reporting timers, the alert calls' retries, and per
 * type and level the tiers and units activated and the tasks created. The HTTP schema only says
 * "an object"; `validatePlanRules` checks everything and names the exact place of the first problem,
 * e.g. `rules.entries[2].levels[0]`.
 */
import {
  INCIDENT_LEVEL_VALUES, INCIDENT_SUBTYPES, isIncidentLevel, isIncidentType, type IncidentLevel, type IncidentType, type ReportClock,
} from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';

export interface PlanTask { title: string; unitId?: string; tier?: number; dueMinutes: number }
export interface PlanEntry { type: IncidentType; subtypes?: string[]; levels: IncidentLevel[]; tiers: number[]; unitIds: string[]; tasks: PlanTask[] }
export interface ReportingRules {
  initialMinutes: number; initialClock: ReportClock;
  followUpMinutes: number; followUpClock: ReportClock;
  finalMinutes: number; finalClock: ReportClock;
}
export interface RetryRules { attempts: number; intervalSeconds: number; ringSeconds: number }
export interface PlanRules { reporting: ReportingRules; retry: RetryRules; entries: PlanEntry[] }

const TIERS = [1, 2, 3];
const MAX_ENTRIES = 100;
const MAX_TASKS = 50;
const MAX_UNITS = 500;
const WEEK_MINUTES = 7 * 24 * 60;

function refuse(field: string, message: string): never {
  throw new AppError('validation_failed', `${field}: ${message}`, { field });
}

function asObject(raw: unknown, at: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) refuse(at, 'must be an object');
  const value = raw as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!allowed.includes(key)) refuse(`${at}.${key}`, 'is not a field here');
  return value;
}

function asInteger(raw: unknown, at: string, min: number, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) refuse(at, `must be a whole number from ${min} to ${max}`);
  return raw;
}

function asArray(raw: unknown, at: string, max: number): unknown[] {
  if (!Array.isArray(raw)) refuse(at, 'must be a list');
  if (raw.length > max) refuse(at, `must hold at most ${max} items`);
  return raw;
}

function asClock(raw: unknown, at: string): ReportClock {
  if (raw !== 'clock' && raw !== 'working') refuse(at, 'must be "clock" or "working"');
  return raw;
}

function asId(raw: unknown, at: string): string {
  if (typeof raw !== 'string' || !/^[\w.:-]{1,64}$/.test(raw)) refuse(at, 'must be a unit id');
  return raw;
}

function parseReporting(raw: unknown, at: string): ReportingRules {
  const value = asObject(raw, at, ['initialMinutes', 'initialClock', 'followUpMinutes', 'followUpClock', 'finalMinutes', 'finalClock']);
  return {
    initialMinutes: asInteger(value.initialMinutes, `${at}.initialMinutes`, 1, WEEK_MINUTES),
    initialClock: asClock(value.initialClock, `${at}.initialClock`),
    followUpMinutes: asInteger(value.followUpMinutes, `${at}.followUpMinutes`, 1, WEEK_MINUTES),
    followUpClock: asClock(value.followUpClock, `${at}.followUpClock`),
    finalMinutes: asInteger(value.finalMinutes, `${at}.finalMinutes`, 1, 4 * WEEK_MINUTES),
    finalClock: asClock(value.finalClock, `${at}.finalClock`),
  };
}

function parseRetry(raw: unknown, at: string): RetryRules {
  const value = asObject(raw, at, ['attempts', 'intervalSeconds', 'ringSeconds']);
  return {
    attempts: asInteger(value.attempts, `${at}.attempts`, 0, 10),
    intervalSeconds: asInteger(value.intervalSeconds, `${at}.intervalSeconds`, 10, 3600),
    ringSeconds: asInteger(value.ringSeconds, `${at}.ringSeconds`, 5, 120),
  };
}

function parseTask(raw: unknown, at: string): PlanTask {
  const value = asObject(raw, at, ['title', 'unitId', 'tier', 'dueMinutes']);
  if (typeof value.title !== 'string' || value.title.trim().length === 0 || value.title.length > 200) refuse(`${at}.title`, 'must be 1-200 characters');
  const task: PlanTask = { title: value.title.trim(), dueMinutes: asInteger(value.dueMinutes, `${at}.dueMinutes`, 1, 4 * WEEK_MINUTES) };
  if (value.unitId !== undefined) task.unitId = asId(value.unitId, `${at}.unitId`);
  if (value.tier !== undefined) {
    task.tier = asInteger(value.tier, `${at}.tier`, 1, 3);
    if (task.unitId !== undefined) refuse(`${at}.tier`, 'name a unit or a tier, not both');
  }
  return task;
}

function parseEntry(raw: unknown, at: string): PlanEntry {
  const value = asObject(raw, at, ['type', 'subtypes', 'levels', 'tiers', 'unitIds', 'tasks']);
  if (!isIncidentType(value.type)) refuse(`${at}.type`, 'is not an incident type');
  const type = value.type;
  const entry: PlanEntry = { type, levels: [], tiers: [], unitIds: [], tasks: [] };
  if (value.subtypes !== undefined) {
    entry.subtypes = asArray(value.subtypes, `${at}.subtypes`, 20).map((subtype, i) => {
      if (typeof subtype !== 'string' || !INCIDENT_SUBTYPES[type].includes(subtype)) refuse(`${at}.subtypes[${i}]`, `is not a subtype of ${type}`);
      return subtype;
    });
  }
  const levels = asArray(value.levels, `${at}.levels`, INCIDENT_LEVEL_VALUES.length);
  if (levels.length === 0) refuse(`${at}.levels`, 'must name at least one level');
  entry.levels = levels.map((level, i) => {
    if (!isIncidentLevel(level)) refuse(`${at}.levels[${i}]`, 'must be I, II, III or IV');
    return level;
  });
  entry.tiers = asArray(value.tiers ?? [], `${at}.tiers`, 3).map((tier, i) => {
    if (!TIERS.includes(tier as number)) refuse(`${at}.tiers[${i}]`, 'must be 1, 2 or 3');
    return tier as number;
  });
  entry.unitIds = asArray(value.unitIds ?? [], `${at}.unitIds`, MAX_UNITS).map((id, i) => asId(id, `${at}.unitIds[${i}]`));
  if (entry.tiers.length === 0 && entry.unitIds.length === 0) refuse(`${at}.tiers`, 'name at least one tier or one unit');
  entry.tasks = asArray(value.tasks ?? [], `${at}.tasks`, MAX_TASKS).map((task, i) => parseTask(task, `${at}.tasks[${i}]`));
  return entry;
}

/** Checks a plan's rules; the answer is the normalised rules to store. */
export function validatePlanRules(raw: unknown, at = 'rules'): PlanRules {
  const value = asObject(raw, at, ['reporting', 'retry', 'entries']);
  const entries = asArray(value.entries, `${at}.entries`, MAX_ENTRIES);
  if (entries.length === 0) refuse(`${at}.entries`, 'must hold at least one entry');
  return {
    reporting: parseReporting(value.reporting, `${at}.reporting`),
    retry: parseRetry(value.retry, `${at}.retry`),
    entries: entries.map((entry, i) => parseEntry(entry, `${at}.entries[${i}]`)),
  };
}

/** Every unit id the rules name, with the path that names it (to check they exist). */
export function namedUnitIds(rules: PlanRules, at = 'rules'): { id: string; path: string }[] {
  return rules.entries.flatMap((entry, i) => [
    ...entry.unitIds.map((id, j) => ({ id, path: `${at}.entries[${i}].unitIds[${j}]` })),
    ...entry.tasks.flatMap((task, j) => (task.unitId ? [{ id: task.unitId, path: `${at}.entries[${i}].tasks[${j}].unitId` }] : [])),
  ]);
}

/** The entries of a plan that match an incident's type (+ subtype, when the entry lists some) and level. */
export function matchingEntries(rules: PlanRules, incident: { type: string; subtype: string; level: string }): PlanEntry[] {
  return rules.entries.filter((entry) => entry.type === incident.type
    && (!entry.subtypes || entry.subtypes.length === 0 || entry.subtypes.includes(incident.subtype))
    && entry.levels.includes(incident.level as IncidentLevel));
}
