import { describe, expect, it } from 'vitest';
import { buildSettlementRows, formatShare } from './settlement-rows';

const norms = { grid: 0.7, street: 0.2, district: 0.1 };

describe('buildSettlementRows', () => {
  it('puts each level beside its norm, grid first, with the grid workers part', () => {
    const rows = buildSettlementRows({
      total: 10, counts: { grid: 6, street: 3, district: 1 }, shares: { grid: 0.6, street: 0.3, district: 0.1 }, norms,
      breakdown: { grid: { onSpot: 2, patrol: 1 }, street: { onSpot: 0, patrol: 1 }, district: { onSpot: 0, patrol: 0 } },
    });
    expect(rows.map((r) => [r.level, r.count, formatShare(r.share), formatShare(r.norm), r.meetsNorm, r.onSpot, r.patrol])).toEqual([
      ['grid', 6, '60.0%', '70.0%', false, 2, 1],
      ['street', 3, '30.0%', '20.0%', false, 0, 1],
      ['district', 1, '10.0%', '10.0%', true, 0, 0],
    ]);
  });

  it('says nothing about the norm when nothing closed', () => {
    const rows = buildSettlementRows({
      total: 0, counts: { grid: 0, street: 0, district: 0 }, shares: { grid: null, street: null, district: null }, norms,
      breakdown: { grid: { onSpot: 0, patrol: 0 }, street: { onSpot: 0, patrol: 0 }, district: { onSpot: 0, patrol: 0 } },
    });
    expect(rows.map((r) => [formatShare(r.share), r.meetsNorm])).toEqual([['—', null], ['—', null], ['—', null]]);
  });
});
