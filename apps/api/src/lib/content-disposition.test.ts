import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachmentDisposition', () => {
  it('keeps an ASCII name as it is in both forms', () => {
    expect(attachmentDisposition('photo.png')).toBe(`attachment; filename="photo.png"; filename*=UTF-8''photo.png`);
  });

  it('percent-encodes a Chinese name as UTF-8 and falls back to underscores', () => {
    expect(attachmentDisposition('来信 照片.pdf')).toBe(
      `attachment; filename="__ __.pdf"; filename*=UTF-8''%E6%9D%A5%E4%BF%A1%20%E7%85%A7%E7%89%87.pdf`,
    );
  });

  it('cannot be broken out of: quotes, backslashes, separators, control characters and RFC 5987 specials', () => {
    const header = attachmentDisposition('a"b\\c/d\r\ne(f)*\'g%.png');
    expect(header).toBe(`attachment; filename="a_b_c_d__e(f)*'g_.png"; filename*=UTF-8''a%22b_c_d__e%28f%29%2A%27g%25.png`);
    expect(header).not.toMatch(/[\r\n]/);
    expect(attachmentDisposition('  ')).toContain(`filename="attachment"`);
  });
});
