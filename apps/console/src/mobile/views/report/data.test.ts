import { describe, expect, it } from 'vitest';
import type { Category } from '#/api/catalogue';
import { i18n } from '#/locales';
import {
  accuracyMetres, buildReportBody, createIdempotencyKey, createReportForm, describeOutcome, isGoodFix, listReportCategories, reportErrorKey,
} from './data';

const category = (id: string, parentId: string | null, isLeaf: boolean, name: string): Category => ({
  id, code: id, name, nameEn: `${name} (en)`, parentId, isLeaf, defaultKind: 'complaint', isPolice: false, level: 'grid',
  defaultUnitId: null, handleLimitDays: null, requiredFields: [],
});
const CATALOGUE = [
  category('city', null, false, '城市管理'),
  category('city.garbage', 'city', true, '垃圾清运'),
  category('city.road', 'city', true, '道路破损'),
  category('env', null, false, '环境保护'),
  category('env.noise', 'env', true, '噪音扰民'),
];
const FIX = { lat: 28.565, lng: 112.70875, accuracy: 12.4 };

describe('the position', () => {
  it('takes a fix of 30 m or better without asking, and says whole metres', () => {
    expect(isGoodFix({ accuracy: 30 })).toBe(true);
    expect(isGoodFix({ accuracy: 31 })).toBe(false);
    expect(accuracyMetres(FIX)).toBe(12);
    expect(accuracyMetres({ accuracy: 0 })).toBe(1);
    expect(i18n.global.t('mobile.report.accuracy', { metres: 12 })).toBe('定位精度约 12 米');
  });
});

describe('listReportCategories', () => {
  it('lists every leaf as "group / leaf" when the scope names no category', () => {
    expect(listReportCategories(CATALOGUE, [], 'zh-CN')).toEqual([
      { id: 'city.garbage', label: '城市管理 / 垃圾清运' },
      { id: 'city.road', label: '城市管理 / 道路破损' },
      { id: 'env.noise', label: '环境保护 / 噪音扰民' },
    ]);
  });

  it('keeps the leaves the scope names, or under a group it names; English names under en', () => {
    expect(listReportCategories(CATALOGUE, ['env', 'city.road'], 'en').map((option) => option.label)).toEqual(['城市管理 (en) / 道路破损 (en)', '环境保护 (en) / 噪音扰民 (en)']);
  });
});

describe('buildReportBody', () => {
  const filled = () => ({ ...createReportForm(), description: '  东门垃圾堆放  ', categoryId: 'city.garbage' });

  it('asks for the position, the words, the category and, on the spot, the result, in that order', () => {
    expect(buildReportBody(filled(), null, null)).toMatchObject({ ok: false, field: 'position', messageKey: 'mobile.report.errors.noPosition' });
    expect(buildReportBody({ ...filled(), description: ' ' }, FIX, null)).toMatchObject({ ok: false, field: 'description' });
    expect(buildReportBody({ ...filled(), categoryId: '' }, FIX, null)).toMatchObject({ ok: false, field: 'categoryId' });
    expect(buildReportBody({ ...filled(), handledOnSpot: true, result: ' ' }, FIX, null)).toMatchObject({ ok: false, field: 'result' });
  });

  it('sends trimmed words, the fix with its accuracy, the guessed grid, and the result only on the spot', () => {
    expect(buildReportBody({ ...filled(), result: 'left over' }, FIX, 's01g01')).toEqual({
      ok: true, body: { categoryId: 'city.garbage', description: '东门垃圾堆放', position: FIX, guessedAreaId: 's01g01' },
    });
    expect(buildReportBody({ ...filled(), handledOnSpot: true, result: ' 已清扫 ', address: ' 东门 ' }, FIX, null)).toEqual({
      ok: true, body: { categoryId: 'city.garbage', description: '东门垃圾堆放', position: FIX, address: '东门', handledOnSpot: true, result: '已清扫' },
    });
  });
});

describe('reportErrorKey', () => {
  it('says a lost answer, the district, the grid, the business and the on-the-spot refusals in words', () => {
    expect(reportErrorKey({ code: 'network_error', status: 0, field: undefined })).toBe('mobile.report.errors.lostAnswer');
    expect(reportErrorKey({ code: 'timeout', status: 0, field: undefined })).toBe('mobile.report.errors.lostAnswer');
    expect(reportErrorKey({ code: 'validation_failed', status: 400, field: 'position' })).toBe('mobile.report.errors.outside');
    expect(reportErrorKey({ code: 'forbidden', status: 403, field: 'position' })).toBe('mobile.report.errors.notYourGrid');
    expect(reportErrorKey({ code: 'forbidden', status: 403, field: 'categoryId' })).toBe('mobile.report.errors.notYourCategory');
    expect(reportErrorKey({ code: 'forbidden', status: 403, field: 'handledOnSpot' })).toBe('mobile.report.errors.noGridTeam');
    expect(reportErrorKey({ code: 'conflict', status: 409, field: 'handledOnSpot' })).toBe('mobile.report.errors.notOnSpot');
    expect(reportErrorKey({ code: 'conflict', status: 409, field: 'Idempotency-Key' })).toBe('mobile.report.errors.changedAfterSend');
    expect(reportErrorKey({ code: 'validation_failed', status: 400, field: 'description' })).toBeNull();
  });
});

describe('describeOutcome', () => {
  it('names the unit a dispatched report went to, or says it is closed on the spot', () => {
    const dispatched = { state: 'dispatched', leadUnitId: 'gt-s01g01', leadUnitName: '第1网格工作队', leadUnitNameEn: 'Grid 1 team' };
    expect(describeOutcome(dispatched, 'zh-CN')).toEqual({ key: 'mobile.report.outcome.dispatched', values: { unit: '第1网格工作队' } });
    expect(describeOutcome(dispatched, 'en').values.unit).toBe('Grid 1 team');
    expect(describeOutcome({ ...dispatched, state: 'closed' }, 'zh-CN').key).toBe('mobile.report.outcome.closed');
  });
});

describe('createIdempotencyKey', () => {
  it('makes a new key each time, one the API accepts', () => {
    const first = createIdempotencyKey();
    expect(first).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
    expect(createIdempotencyKey()).not.toBe(first);
  });
});
