/**
 * Text and attribute values of worksheet XML decoded the way saxes (exceljs's
 * XML parser) decodes them: the five named entities and character
 * references, line ends folded to "\n", attribute whitespace folded to
 * spaces. Anything saxes would refuse (an unknown entity, a character XML
 * does not allow) is NeedsModel, so the file goes to exceljs and fails there
 * exactly as it always did.
 */
import { NeedsModel } from './parts';

/** Anything that is not plain text: an entity, a CR, a character XML 1.0 forbids, or the "]]>" XML forbids in text. */
const TEXT_WORK = /[&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|]]>/;
const ATTR_WORK = /[&<\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function allowedCodePoint(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function decodeEntities(s: string): string {
  return s.replace(/&([^;&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new NeedsModel('unterminated entity');
    const named = NAMED[body];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!m) throw new NeedsModel(`entity &${body.slice(0, 20)};`);
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
    if (!allowedCodePoint(cp)) throw new NeedsModel('character reference to a character XML does not allow');
    return String.fromCodePoint(cp);
  });
}

function checkChars(s: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(s)) throw new NeedsModel('a character XML does not allow');
}

/** Character data between tags. */
export function decodeText(raw: string): string {
  if (!TEXT_WORK.test(raw)) return raw;
  if (raw.includes(']]>')) throw new NeedsModel('"]]>" in text');
  checkChars(raw);
  return decodeEntities(raw.replace(/\r\n?/g, '\n'));
}

/** An attribute value (between its quotes). */
export function decodeAttr(raw: string): string {
  if (!ATTR_WORK.test(raw)) return raw;
  if (raw.includes('<')) throw new NeedsModel('"<" in an attribute value');
  checkChars(raw);
  return decodeEntities(raw.replace(/\r\n|[\r\n\t]/g, ' '));
}
