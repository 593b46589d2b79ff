import { describe, expect, it } from 'vitest';
import { ROLE_VALUES } from './roles';
import { INCIDENT_STATE_VALUES, type IncidentState } from './incident-enums';
import {
  INCIDENT_ACTION_VALUES, allowedIncidentActions, canTakeIncidentAction, nextIncidentState, type IncidentAction,
} from './incident-machine';

/**
 * The lifecycle written out by hand, `action -> next : roles` ('=' keeps the state); anything not
 * listed must be illegal. D dispatcher, L shift_lead, C commander.
 */
const EXPECTED = `
reported
  verify -> verified : D L C
  file -> filed : D L C
  dismiss -> dismissed : D L C
  relevel -> = : D L C
verified
  file -> filed : D L C
  dismiss -> dismissed : D L C
  relevel -> = : D L C
filed
  respond -> responding : D L C
  relevel -> = : D L C
responding
  relevel -> = : D L C
  handle -> handled : D L C
handled
  relevel -> = : D L C
  close -> closed : D L C
dismissed
closed
`;

const ROLE_OF: Record<string, string> = { D: 'dispatcher', L: 'shift_lead', C: 'commander' };

function parse(): Map<string, { next: string; roles: string[] }> {
  const table = new Map<string, { next: string; roles: string[] }>();
  let state = '';
  for (const line of EXPECTED.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) { state = line.trim(); continue; }
    const match = /^\s+(\S+) -> (\S+) : (.+)$/.exec(line)!;
    table.set(`${state} ${match[1]}`, { next: match[2] === '=' ? state : match[2]!, roles: match[3]!.split(' ').map((r) => ROLE_OF[r]!) });
  }
  return table;
}

describe('incident machine', () => {
  const table = parse();
  it('lists every state', () => {
    const listed = EXPECTED.split('\n').filter((line) => line && !line.startsWith(' ')).map((line) => line.trim());
    expect([...listed].sort()).toEqual([...INCIDENT_STATE_VALUES].sort());
  });

  for (const state of INCIDENT_STATE_VALUES as IncidentState[]) {
    for (const action of INCIDENT_ACTION_VALUES as IncidentAction[]) {
      const expected = table.get(`${state} ${action}`);
      it(`${state} × ${action}`, () => {
        expect(nextIncidentState(state, action)).toBe(expected ? expected.next : null);
        for (const role of ROLE_VALUES) {
          const check = canTakeIncidentAction(state, action, role);
          if (!expected) expect(check).toEqual({ ok: false, reason: 'illegal_transition' });
          else if (expected.roles.includes(role)) expect(check).toEqual({ ok: true, next: expected.next });
          else expect(check).toEqual({ ok: false, reason: 'role_forbidden' });
          expect(allowedIncidentActions(state, role).includes(action)).toBe(Boolean(expected?.roles.includes(role)));
        }
      });
    }
  }
});
