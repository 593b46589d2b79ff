import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { MESSAGES, type AppLocale } from '../locales';
import { describeApiError } from './error-message';

function translator(locale: AppLocale) {
  const i18n = createI18n({ legacy: false, locale, messages: MESSAGES });
  return { t: (key: string) => i18n.global.t(key), te: (key: string) => i18n.global.te(key) };
}

describe('describeApiError', () => {
  it('tells a person the centre is busy when the API sheds load or a dependency is away (503), in either language', () => {
    const busy = { status: 503, code: 'service_unavailable', message: 'The centre is busy; try again in a moment' };
    expect(describeApiError(busy, translator('zh-CN'))).toBe('系统繁忙或服务暂不可用，请稍后重试');
    expect(describeApiError(busy, translator('en'))).toMatch(/busy/);
  });

  it('says the request went unanswered when the API copy behind the proxy died (502), not a server error', () => {
    const gone = { status: 502, code: 'bad_gateway', message: 'The API process handling this request went away' };
    expect(describeApiError(gone, translator('zh-CN'))).toBe('处理该请求的服务器中断，请求未完成，请重试');
    expect(describeApiError(gone, translator('en'))).toMatch(/try again/);
  });

  it('never shows an unknown 5xx message verbatim', () => {
    expect(describeApiError({ status: 500, code: 'something_new', message: 'stack trace' }, translator('en'))).toBe('Server error. Please try again later');
  });
});
