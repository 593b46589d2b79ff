import { describe, expect, it } from 'vitest';
import type { Category } from '#/api/catalogue';
import { projectAreas, readOuterRing } from '#/components/area-map/area-map-data';
import {
  buildCreateTicketBody, createEmptyForm, duplicatesQueryOf, formatDuration, isValidDestination, readRequiredFields, validateTicketForm,
} from './data';
import { matchShortcut } from './desk-shortcuts';

const cat = (id: string, parentId: string | null, extra: Partial<Category> = {}): Category => ({
  id, code: id, name: `名${id}`, nameEn: `N ${id}`, parentId, isLeaf: parentId !== null, defaultKind: 'complaint', isPolice: false,
  level: 'grid', defaultUnitId: null, handleLimitDays: null, requiredFields: [], ...extra,
});
const CATALOGUE = [
  cat('env', null), cat('env.noise', 'env'), cat('empty', null),
  cat('labour', null), cat('labour.wage', 'labour', { requiredFields: [{ key: 'employer', label: '用人单位', labelEn: 'Employer', type: 'text' }, { key: 'amount', label: '金额', labelEn: 'Amount', type: 'number' }, { bad: true }] }),
];

describe('category catalogue', () => {
  it('reads required fields and drops malformed ones', () => {
    expect(readRequiredFields(CATALOGUE[4]).map((f) => [f.key, f.type])).toEqual([['employer', 'text'], ['amount', 'number']]);
    expect(readRequiredFields(undefined)).toEqual([]);
  });
});

describe('ticket form', () => {
  const filled = () => ({ ...createEmptyForm(), categoryId: 'env.noise', title: ' 噪音 ', description: '夜间噪音', areaId: 's01g01' });

  it('names every missing piece, including category fields, the answer and the call record', () => {
    const required = readRequiredFields(CATALOGUE[4]);
    const problems = validateTicketForm(createEmptyForm(), required, 'close', { callId: null, hotline: '12345' }, 'zh-CN');
    expect(problems.map((p) => p.field)).toEqual(['categoryId', 'title', 'description', 'fields.employer', 'fields.amount', 'answer', 'callId']);
    const dispatch = validateTicketForm(createEmptyForm(), [], 'dispatch', null, 'zh-CN');
    expect(dispatch.map((p) => p.field)).toContain('location');
    expect(problems.find((p) => p.field === 'fields.employer')?.params).toEqual({ field: '用人单位' });
    expect(validateTicketForm(filled(), [], 'dispatch', { callId: 'c1', hotline: '12345' }, 'zh-CN')).toEqual([]);
    expect(validateTicketForm({ ...filled(), areaId: '', address: '幸福路 12 号' }, [], 'dispatch', null, 'en')).toEqual([]);
  });

  it('builds a phone intake body that dispatches, or a closed-at-intake one', () => {
    const body = buildCreateTicketBody(filled(), [], 'dispatch', { callId: 'call-1', hotline: '12345' });
    expect(body).toEqual({
      channel: 'phone', callId: 'call-1', categoryId: 'env.noise', title: '噪音', description: '夜间噪音', areaId: 's01g01',
      urgency: 'normal', confidential: false, dispatch: true,
    });
    const required = readRequiredFields(CATALOGUE[4]);
    const closed = buildCreateTicketBody({ ...filled(), categoryId: 'labour.wage', kind: 'consultation', fields: { employer: 'X 厂', amount: '3000' }, answer: ' 请到劳动监察大队 ' }, required, 'close', null);
    expect(closed).toMatchObject({ channel: 'web', kind: 'consultation', fields: { employer: 'X 厂', amount: 3000 }, closeAtIntake: { answer: '请到劳动监察大队' } });
    expect(closed).not.toHaveProperty('dispatch');
    expect(closed).not.toHaveProperty('callId');
  });

  it('closes a knowledge-base answer with no place, recording the article', () => {
    const form = { ...filled(), areaId: '', answer: '工作日 9:00-17:30', articleId: 'kb-office-hours', articleTitle: '政务服务中心几点上班？' };
    expect(validateTicketForm(form, [], 'close', null, 'zh-CN')).toEqual([]);
    expect(buildCreateTicketBody(form, [], 'close', null)).toMatchObject({
      closeAtIntake: { answer: '工作日 9:00-17:30', article: { id: 'kb-office-hours' } },
    });
    expect(buildCreateTicketBody({ ...form, articleId: '' }, [], 'close', null).closeAtIntake).toEqual({ answer: '工作日 9:00-17:30' });
  });

  it('asks for duplicates only when something can match, leaving out the ticket just saved', () => {
    expect(duplicatesQueryOf({ categoryId: 'env.noise', areaId: '' }, null, null)).toBeNull();
    expect(duplicatesQueryOf({ categoryId: '', areaId: 's01g01' }, null, null)).toBeNull();
    expect(duplicatesQueryOf({ categoryId: 'env.noise', areaId: 's01g01' }, null, 't1')).toEqual({ categoryId: 'env.noise', areaId: 's01g01', excludeId: 't1' });
    expect(duplicatesQueryOf({ categoryId: 'env.noise', areaId: '' }, 'c1', 't1')).toEqual({ callId: 'c1', categoryId: 'env.noise', excludeId: 't1' });
  });
});

describe('desk helpers', () => {
  it('formats talk time and checks transfer destinations as the API does', () => {
    expect([formatDuration(0), formatDuration(75), formatDuration(3725)]).toEqual(['00:00', '01:15', '1:02:05']);
    expect(['110', '6001', '13800138000', '073188888888'].every(isValidDestination)).toBe(true);
    expect(['119', '600', '7001', '12345', ''].some(isValidDestination)).toBe(false);
  });

  it('maps keys to desk actions; function keys only without modifiers', () => {
    const key = (k: string, mods: Partial<KeyboardEvent> = {}) => matchShortcut({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect([key('F2'), key('F3'), key('F4'), key('F6'), key('F8'), key('F1')]).toEqual(['ready', 'pause', 'answer', 'newTicket', 'hangup', 'help']);
    expect(key('Enter', { ctrlKey: true })).toBe('dispatch');
    expect(key('Enter')).toBeNull();
    expect(key('F2', { shiftKey: true })).toBeNull();
    expect(key('a')).toBeNull();
  });

  it('projects grid polygons into the SVG box, north up, skipping bad boundaries', () => {
    const box = (w: number, s: number) => ({ type: 'Polygon', coordinates: [[[w, s], [w + 1, s], [w + 1, s + 1], [w, s + 1], [w, s]]] });
    const { shapes, bounds } = projectAreas([
      { id: 'a', label: 'A', boundary: box(0, 1) }, { id: 'b', label: 'B', boundary: box(1, 0) }, { id: 'c', label: 'C', boundary: { type: 'Point' } },
    ], 200, 200, 0);
    expect(bounds).toEqual({ west: 0, east: 2, south: 0, north: 2 });
    expect(shapes.map((s) => s.id)).toEqual(['a', 'b']);
    expect(shapes[0]?.points.split(' ')[0]).toBe('0.0,100.0'); // a's south-west corner sits halfway down
    expect(shapes[1]).toMatchObject({ labelX: 150, labelY: 150 });
    expect(readOuterRing({ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] })).toBeNull();
    const multi = projectAreas([{ id: 'm', label: 'M', boundary: { type: 'MultiPolygon', coordinates: [box(0, 0).coordinates, box(1, 1).coordinates] } }], 200, 200, 0);
    expect(multi.shapes[0]?.polygons).toHaveLength(2);
    expect(projectAreas([], 10, 10).shapes).toEqual([]);
  });
});
