/**
 * The event filters of the project's `telephony/asterisk/manager.conf`
 * (`eventfilter(action(exclude),name(X)) =`): the events a real PBX never sends the bridge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './child-process.js';

/** Event names excluded by the manager.conf the project ships. */
export function readExcludedEvents(path = join(REPO_ROOT, 'telephony/asterisk/manager.conf')): string[] {
  const names: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = line.match(/^\s*eventfilter\(action\(exclude\),name\(([A-Za-z0-9_]+)\)\)\s*=/);
    if (match) names.push(match[1]!);
  }
  if (names.length === 0) throw new Error(`no eventfilter(action(exclude),name(…)) lines in ${path}`);
  return names;
}
