import { describe, expect, it } from 'vitest';
import { ApiError } from '#/api/api-error';
import { checkFiles, describeLetterError, encodeBase64, MAX_FILE_BYTES } from './data';

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('mailbox page helpers', () => {
  it('refuses too many, too large or wrongly typed files, naming the file', () => {
    const ok = { name: 'a.png', size: 10, type: 'image/png' };
    expect(checkFiles([ok, ok, ok], t)).toBeNull();
    expect(checkFiles([ok, ok, ok, ok], t)).toBe('mailbox.tooManyFiles');
    expect(checkFiles([{ ...ok, size: MAX_FILE_BYTES + 1 }], t)).toBe('mailbox.fileTooLarge{"name":"a.png"}');
    expect(checkFiles([{ name: 'x.exe', size: 1, type: 'application/x-msdownload' }], t)).toBe('mailbox.fileWrongType{"name":"x.exe"}');
  });

  it('encodes base64 like Buffer, across slices', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('explains refusals', () => {
    expect(describeLetterError(new ApiError({ status: 429, code: 'rate_limited', message: '' }), t)).toBe('mailbox.rateLimited');
    expect(describeLetterError(new ApiError({ status: 404, code: 'not_found', message: '' }), t)).toBe('mailbox.notFound');
    expect(describeLetterError(new ApiError({ status: 413, code: 'payload_too_large', message: 'big.png is 6 MB' }), t)).toBe('mailbox.refused{"message":"big.png is 6 MB"}');
  });
});
