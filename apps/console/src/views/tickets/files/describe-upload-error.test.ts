import { describe, expect, it } from 'vitest';
import { describeUploadError, isPhoto } from './describe-upload-error';

const MESSAGES: Record<string, string> = {
  'errors.validation_failed': '提交的内容有误，请检查后重试',
  'errors.conflict': '工单已被他人处理',
  'ticket.files.tooBig': '“{name}”太大，每个文件不能超过 {max}。',
  'ticket.files.wrongType': '“{name}”不是可接收的文件',
  'ticket.files.heic': '“{name}”是 HEIC 格式照片',
  'ticket.files.notReadable': '“{name}”已损坏',
  'ticket.files.refused': '“{name}”未能上传：{reason}',
  'ticket.files.tooMany': '每次最多附 {max} 个文件',
  'ticket.files.failed': '“{name}”上传失败：{reason}',
};
const translate = {
  t: (key: string, values: Record<string, unknown> = {}) => (MESSAGES[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name])),
  te: (key: string) => key in MESSAGES,
};
/** A 400 as the API sends it: the error body (with its own `details`) is the ApiError's `details`. */
const refusal = (field: string, details: Record<string, unknown>, message = 'refused') => ({
  code: 'validation_failed', status: 400, message, field, details: { code: 'validation_failed', message, field, details },
});

describe('describeUploadError', () => {
  it('says a file is too big, with the limit in words', () => {
    expect(describeUploadError(refusal('files.0', { sizeBytes: 12_000_000, maxBytes: 10_485_760 }), 'site.jpg', translate)).toBe('“site.jpg”太大，每个文件不能超过 10.0 MB。');
  });

  it('tells a wrong type, a HEIC photo and an unreadable image apart by the detected type', () => {
    expect(describeUploadError(refusal('files.0', { detected: null }), 'notes.jpg', translate)).toBe('“notes.jpg”不是可接收的文件');
    expect(describeUploadError(refusal('files.0', { detected: 'application/zip' }), 'a.zip', translate)).toBe('“a.zip”不是可接收的文件');
    expect(describeUploadError(refusal('files.0', { detected: 'image/heic' }), 'IMG_1.HEIC', translate)).toBe('“IMG_1.HEIC”是 HEIC 格式照片');
    expect(describeUploadError(refusal('files.0', { detected: 'image/jpeg' }), 'broken.jpg', translate)).toBe('“broken.jpg”已损坏');
  });

  it('says the count limit the server gives, with or without a file', () => {
    expect(describeUploadError(refusal('attachmentIds', { count: 10, maxFiles: 9 }), null, translate)).toBe('每次最多附 9 个文件');
    expect(describeUploadError(refusal('files', { maxFiles: 9 }), 'x.jpg', translate)).toBe('每次最多附 9 个文件');
  });

  it('names the file for any other refusal, and says other failures in the user language', () => {
    expect(describeUploadError(refusal('files.0', {}, 'empty.jpg is empty'), 'empty.jpg', translate)).toBe('“empty.jpg”未能上传：提交的内容有误，请检查后重试');
    expect(describeUploadError({ code: 'conflict', status: 409, message: 'x' }, 'site.jpg', translate)).toBe('“site.jpg”上传失败：工单已被他人处理');
    expect(describeUploadError(refusal('attachmentIds', { missing: ['a'] }), null, translate)).toBe('提交的内容有误，请检查后重试');
  });
});

describe('isPhoto', () => {
  it('shows an attachment with a thumbnail as a photo, a PDF as a link', () => {
    expect(isPhoto({ hasThumbnail: true })).toBe(true);
    expect(isPhoto({ hasThumbnail: false })).toBe(false);
  });
});
