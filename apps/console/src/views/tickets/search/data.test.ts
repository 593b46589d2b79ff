import { describe, expect, it } from 'vitest';
import { detectSearchKind, emptyFilters, filtersFromQuery, queryFromFilters, shanghaiMidnight, toApiQuery } from './data';

describe('tickets page data', () => {
  it('tells a code, a number and words apart', () => {
    expect(detectSearchKind('YX20261204-00012')).toBe('code');
    expect(detectSearchKind('yx2026')).toBe('code');
    expect(detectSearchKind('139 0000 1234')).toBe('number');
    expect(detectSearchKind('+8613900001234')).toBe('number');
    expect(detectSearchKind('路灯')).toBe('keyword');
    expect(detectSearchKind('人民路18号')).toBe('keyword');
    expect(detectSearchKind('路')).toBe('none');
    expect(detectSearchKind('  ')).toBe('none');
  });

  it('keeps filters in the URL and reads them back, but never a number', () => {
    const filters = { ...emptyFilters(), q: '路灯', state: ['signed', 'in_progress'], areaId: 's01', overdue: true, sort: 'handle_due' as const, order: 'asc' as const, page: 3 };
    const query = queryFromFilters(filters);
    expect(query).toEqual({ q: '路灯', state: ['signed', 'in_progress'], areaId: 's01', overdue: '1', sort: 'handle_due', order: 'asc', page: '3' });
    expect(filtersFromQuery(query as never)).toEqual(filters);
    expect(queryFromFilters({ ...emptyFilters(), q: '13900001234' })).toEqual({});
    expect(filtersFromQuery({ sort: 'title', pageSize: '7', page: '-1' })).toMatchObject({ sort: 'created', pageSize: 20, page: 1 });
  });

  it('sends the text as what it is, and local dates as Shanghai days', () => {
    expect(toApiQuery({ ...emptyFilters(), q: 'YX2026' })).toMatchObject({ code: 'YX2026' });
    expect(toApiQuery({ ...emptyFilters(), q: '13900001234' })).toMatchObject({ number: '13900001234' });
    expect(toApiQuery({ ...emptyFilters(), q: '噪音扰民', from: '2026-12-01', to: '2026-12-04' }))
      .toMatchObject({ keyword: '噪音扰民', from: '2026-11-30T16:00:00.000Z', to: '2026-12-04T16:00:00.000Z' });
    expect(shanghaiMidnight('2026-01-01')).toBe('2025-12-31T16:00:00.000Z');
  });
});
