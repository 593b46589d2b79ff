import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN, { type MessageSchema } from './zh-CN';

export const LOCALES = { zhCN: 'zh-CN', en: 'en' } as const;
export type AppLocale = (typeof LOCALES)[keyof typeof LOCALES];

/** localStorage key: the language survives reloads and logouts on this machine. */
export const LOCALE_STORAGE_KEY = 'yixian.locale';

export const MESSAGES: Record<AppLocale, MessageSchema> = { 'zh-CN': zhCN, en };

/** Narrows any stored or requested value to a supported locale. */
export function isAppLocale(value: unknown): value is AppLocale {
  return value === LOCALES.zhCN || value === LOCALES.en;
}

/** The saved language, falling back to Chinese (the centre's working language). */
export function readSavedLocale(): AppLocale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(saved) ? saved : LOCALES.zhCN;
  } catch {
    return LOCALES.zhCN;
  }
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: readSavedLocale(),
  fallbackLocale: LOCALES.zhCN,
  messages: MESSAGES,
  missingWarn: false,
  fallbackWarn: false,
});

/** Switches the UI language, remembers it and updates `<html lang>` for screen readers. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // private mode: the choice just lasts for this page
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The current UI language. */
export function getLocale(): AppLocale {
  return i18n.global.locale.value;
}
