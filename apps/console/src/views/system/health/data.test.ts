import { describe, expect, it } from 'vitest';
import { durationParts, normaliseStatus, toHealthRows, toStatusTagType } from './data';

const NOW = Date.parse('2026-03-02T02:00:00.000Z');

describe('health page data', () => {
  it('lists the components in a fixed order with labels, then extra checks by name', () => {
    const rows = toHealthRows({
      status: 'degraded',
      checks: { zeta: 'ok', bridges: 'down', redis: 'ok', database: 'ok', alpha: 'degraded', workers: 'ok' },
    }, NOW);
    expect(rows.map((r) => r.name)).toEqual(['workers', 'bridges', 'database', 'redis', 'alpha', 'zeta']);
    expect(rows[2]).toMatchObject({ name: 'database', labelKey: 'health.checks.database', word: 'ok', status: 'ok', figures: [] });
    expect(rows[1]?.status).toBe('down');
    expect(rows[4]?.labelKey).toBeNull();
  });

  it('gives each component its status word, colour, since when and figures', () => {
    const rows = toHealthRows({
      status: 'degraded',
      checks: {
        api: { status: 'ok', startedAt: '2026-03-02T01:00:00.000Z', uptimeSeconds: 3600 },
        database: { status: 'ok', latencyMs: 1.5 },
        bridges: { status: 'missing', processes: [] },
        workers: { status: 'ok', processes: [{ id: 'w1', lastBeatAt: '', ageMs: 3200 }, { id: 'w2', lastBeatAt: '', ageMs: 900 }] },
        pbx: { status: 'down', pbxId: 'default', since: '2026-03-02T01:59:00.000Z', lastEventAt: '2026-03-02T01:58:58.000Z' },
        queues: { status: 'ok', queues: [{ name: 'call-events', waiting: 2, active: 1, delayed: 0, failed: 3 }] },
        reconciler: { status: 'off', detail: 'ACCOUNTING_DATABASE_URL is not set' },
        recordings: { status: 'missing', detail: 'the recordings folder cannot be read' },
      },
    }, NOW);
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(by.api).toMatchObject({ word: 'ok', since: '2026-03-02T01:00:00.000Z', figures: [{ key: 'uptime', values: { seconds: 3600 } }] });
    expect(by.database?.figures).toEqual([{ key: 'latency', values: { ms: 1.5 } }]);
    expect(by.bridges).toMatchObject({ word: 'missing', status: 'down', figures: [{ key: 'processes', values: { count: 0 } }] });
    expect(by.workers?.figures).toEqual([{ key: 'processes', values: { count: 2 } }, { key: 'lastBeat', values: { seconds: 1 } }]);
    expect(by.pbx).toMatchObject({ word: 'down', status: 'down', since: '2026-03-02T01:59:00.000Z' });
    expect(by.pbx?.figures).toEqual([{ key: 'pbxId', values: { id: 'default' } }, { key: 'lastEvent', values: { seconds: 62 } }]);
    expect(by.queues?.figures).toEqual([{ key: 'queue', values: { name: 'call-events', waiting: 2, active: 1, delayed: 0, failed: 3 } }]);
    expect(by.reconciler).toMatchObject({ word: 'off', status: 'unknown', figures: [{ key: 'detail', values: { text: 'ACCOUNTING_DATABASE_URL is not set' } }] });
    expect(by.recordings).toMatchObject({ word: 'missing', status: 'down' });
  });

  it('maps unknown or missing statuses to unknown, and booleans to ok/down', () => {
    expect(normaliseStatus('exploded')).toBe('unknown');
    expect(normaliseStatus(undefined)).toBe('unknown');
    expect(normaliseStatus(true)).toBe('ok');
    expect(normaliseStatus(false)).toBe('down');
    expect(normaliseStatus('failing')).toBe('down');
    expect(toHealthRows(null)).toEqual([]);
    expect(toStatusTagType('degraded')).toBe('warning');
  });

  it('words a duration in the largest unit that fits', () => {
    expect(durationParts(42)).toEqual({ key: 'seconds', n: 42 });
    expect(durationParts(125)).toEqual({ key: 'minutes', n: 2 });
    expect(durationParts(7300)).toEqual({ key: 'hours', n: 2 });
    expect(durationParts(200_000)).toEqual({ key: 'days', n: 2 });
  });
});
