/**
 * UI strings: every visible text goes through t(key). zh-CN is the main
 * language; English exists for the English names in the catalogue and for
 * visitors. `useT()` re-renders a component when the language changes.
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: 'zh-CN',
  setLocale: (locale) => {
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type Params = Record<string, string | number>;

function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The text of `key` in the current language. */
export function t(key: MessageKey, params?: Params): string {
  const locale = useLocale.getState().locale;
  return format(dictionaries[locale][key] ?? zhCN[key], params);
}

/** t() bound to the current language, re-rendering on change. */
export function useT(): (key: MessageKey, params?: Params) => string {
  const locale = useLocale((s) => s.locale);
  return useCallback((key: MessageKey, params?: Params) => format(dictionaries[locale][key] ?? zhCN[key], params), [locale]);
}
