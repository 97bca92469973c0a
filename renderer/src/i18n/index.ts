/// <reference types="vite/client" />
/**
 * UI strings: every visible text goes through t(key). zh-CN is the main
 * language; English exists for the English names in the catalogue and for
 * visitors. `useT()` re-renders a component when the language changes.
 *
 * Dictionaries: the base files zh-CN.ts / en.ts, plus every feature file
 * `./<feature>.zh-CN.ts` / `./<feature>.en.ts` in this folder, picked up
 * automatically (import.meta.glob) — a feature adds its strings by adding its
 * two files, without touching this one. Every exported object of strings in
 * such a file is merged. The keys of the base and ui-a files are typed
 * (autocomplete, typo check); feature keys are accepted as plain strings and
 * a missing one warns in the console during development (and
 * test/unit/i18n-keys.test.ts checks every literal key used in renderer/).
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import { en } from './en';
import type { uiAZh } from './ui-a.zh-CN';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Keys known to the type checker. */
export type MessageKey = keyof typeof zhCN | keyof typeof uiAZh;
/** Any key: the typed ones autocomplete, feature files' keys pass as strings. */
export type AnyKey = MessageKey | (string & {});
export type Params = Record<string, string | number>;
export type Translate = (key: AnyKey, params?: Params) => string;

type Dict = Record<string, string>;

/** Every exported object whose values are all strings, merged (later files win). */
export function collectDictionaries(modules: Record<string, unknown>): Dict {
  const out: Dict = {};
  for (const path of Object.keys(modules).sort()) {
    const mod = modules[path];
    if (!mod || typeof mod !== 'object') continue;
    for (const value of Object.values(mod as Record<string, unknown>)) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string')) continue;
      Object.assign(out, value);
    }
  }
  return out;
}

const featureZh = collectDictionaries(import.meta.glob('./*.zh-CN.ts', { eager: true }));
const featureEn = collectDictionaries(import.meta.glob('./*.en.ts', { eager: true }));

export const dictionaries: Record<Locale, Dict> = {
  'zh-CN': { ...zhCN, ...featureZh },
  en: { ...en, ...featureEn },
};

const LOCALE_KEY = 'ys.locale';

function savedLocale(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocale = create<LocaleState>((set) => ({
  locale: savedLocale(),
  setLocale: (locale) => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
    try {
      globalThis.localStorage?.setItem(LOCALE_KEY, locale);
    } catch {
      /* private mode: the choice lasts for this session only */
    }
    set({ locale });
  },
}));

if (typeof document !== 'undefined') document.documentElement.lang = useLocale.getState().locale;

function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const warned = new Set<string>();

/** The text of `key` in `locale`, falling back to Chinese, then to the key itself. */
export function translate(locale: Locale, key: string, params?: Params): string {
  const text = dictionaries[locale][key] ?? dictionaries['zh-CN'][key];
  if (text === undefined) {
    if (import.meta.env?.DEV && !warned.has(key)) {
      warned.add(key);
      console.warn(`[i18n] 缺少文字：${key}`);
    }
    return key;
  }
  return format(text, params);
}

/** The text of `key` in the current language. */
export function t(key: AnyKey, params?: Params): string {
  return translate(useLocale.getState().locale, key, params);
}

/** t() bound to the current language, re-rendering on change. */
export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  return useCallback((key: AnyKey, params?: Params) => translate(locale, key, params), [locale]);
}
