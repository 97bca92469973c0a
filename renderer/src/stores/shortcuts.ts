/**
 * Keyboard shortcuts, as a pure mapping from a key event to an action:
 *   Alt+1…8 / Ctrl+1…8  the pages in sidebar order
 *   /                   search in 指标
 *   [ ]                 previous / next period
 *   ?                   this list
 *   Esc                 close the overlay
 * Plain keys do nothing while the focus is in a text field.
 */
import { PAGES, type PageId } from './route';

export type ShortcutAction =
  | { type: 'page'; page: PageId }
  | { type: 'search' }
  | { type: 'period'; delta: -1 | 1 }
  | { type: 'help' }
  | { type: 'escape' };

export interface KeyLike {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
}

/** The digit 1–9 of a key event, from `code` when the layout maps Alt+digit to another character. */
function digitOf(e: KeyLike): number | null {
  const m = /^Digit([1-9])$/.exec(e.code ?? '') ?? /^Numpad([1-9])$/.exec(e.code ?? '');
  if (m) return Number(m[1]);
  return /^[1-9]$/.test(e.key) ? Number(e.key) : null;
}

export function shortcutFor(e: KeyLike, inTextField: boolean): ShortcutAction | null {
  if (e.key === 'Escape') return { type: 'escape' };
  if ((e.altKey || e.ctrlKey) && !e.metaKey) {
    const d = digitOf(e);
    if (d !== null && d <= PAGES.length) return { type: 'page', page: PAGES[d - 1]! };
    return null;
  }
  if (inTextField || e.metaKey) return null;
  switch (e.key) {
    case '/':
      return { type: 'search' };
    case '[':
      return { type: 'period', delta: -1 };
    case ']':
      return { type: 'period', delta: 1 };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}

/** Whether keystrokes aimed at this element are typing (a focused <select> is not: [ ] still step the period). */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}
