import { describe, expect, it } from 'vitest';
import { normaliseStatus, toHealthRows, toStatusTagType } from './data';

describe('health page data', () => {
  it('lists the known checks in a fixed order with labels, then extra checks by name', () => {
    const rows = toHealthRows({
      status: 'degraded',
      checks: { zeta: 'ok', bridges: 'down', redis: 'ok', database: 'ok', alpha: 'degraded', workers: 'ok' },
    });
    expect(rows.map((r) => r.name)).toEqual(['database', 'redis', 'workers', 'bridges', 'alpha', 'zeta']);
    expect(rows[0]).toEqual({ name: 'database', labelKey: 'health.checks.database', status: 'ok', detail: '' });
    expect(rows[3]?.status).toBe('down');
    expect(rows[4]?.labelKey).toBeNull();
  });

  it('reads object checks: their status plus the other fields as detail', () => {
    const [row] = toHealthRows({
      status: 'degraded',
      checks: { bridges: { status: 'degraded', connected: 1, configured: 2, last: { host: 'pbx-1' } } },
    });
    expect(row?.status).toBe('degraded');
    expect(row?.detail).toBe('connected: 1 · configured: 2 · last: {"host":"pbx-1"}');
  });

  it('maps unknown or missing statuses to unknown, and booleans to ok/down', () => {
    expect(normaliseStatus('exploded')).toBe('unknown');
    expect(normaliseStatus(undefined)).toBe('unknown');
    expect(normaliseStatus(true)).toBe('ok');
    expect(normaliseStatus(false)).toBe('down');
    expect(toHealthRows(null)).toEqual([]);
    expect(toHealthRows({ status: 'ok', checks: { database: { up: true } } })[0]?.status).toBe('unknown');
  });

  it('colours statuses', () => {
    expect(toStatusTagType('ok')).toBe('success');
    expect(toStatusTagType('degraded')).toBe('warning');
    expect(toStatusTagType('down')).toBe('danger');
    expect(toStatusTagType('unknown')).toBe('info');
  });
});
