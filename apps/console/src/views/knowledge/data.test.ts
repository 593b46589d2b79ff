import { describe, expect, it } from 'vitest';
import { ApiError } from '#/api/api-error';
import { canSeeUsage, canWriteArticles, describeStaleEdit, hasUnpublishedChanges, isKnowledgeEditor } from './data';

describe('knowledge page data', () => {
  it('names who changed which fields in a stale edit, in words, and ignores other errors', () => {
    const stale = new ApiError({
      status: 409, code: 'conflict', message: 'stale',
      details: { details: { reason: 'stale_version', changes: [{ by: '孙丽' }, { by: '孙丽' }, { by: null }], changedFields: ['title', 'validTo', 'version'] } },
    });
    const label = (field: string) => ({ title: '标题', validTo: '失效时间' })[field] ?? field;
    expect(describeStaleEdit(stale, label, '他人')).toEqual({ who: '孙丽', fields: '标题、失效时间' });
    expect(describeStaleEdit(new ApiError({ status: 409, code: 'conflict', message: 'state' }), label, '他人')).toBeNull();
  });

  it('flags a published article whose working copy moved on', () => {
    expect(hasUnpublishedChanges({ status: 'draft', publishedVersion: 2 })).toBe(true);
    expect(hasUnpublishedChanges({ status: 'published', publishedVersion: 2 })).toBe(false);
    expect(hasUnpublishedChanges({ status: 'draft', publishedVersion: null })).toBe(false);
  });

  it('offers writing to editors and unit staff, review to editors, usage to editors and supervisors', () => {
    expect([canWriteArticles(['kb_editor']), canWriteArticles(['dept_handler']), canWriteArticles(['agent'])]).toEqual([true, true, false]);
    expect([isKnowledgeEditor(['kb_editor']), isKnowledgeEditor(['dept_admin'])]).toEqual([true, false]);
    expect([canSeeUsage(['shift_lead']), canSeeUsage(['agent'])]).toEqual([true, false]);
  });
});
