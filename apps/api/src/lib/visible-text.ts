/**
 * Visible characters: letters, digits, punctuation and symbols. Spaces of any width, control and
 * format characters (zero-width space and joiners, BOM, bidi marks), lone combining marks and the
 * blank "filler" letters (Hangul fillers, the blank braille pattern) show nothing on a page.
 */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;
const BLANK_LOOKALIKES = new Set(['\u115f', '\u1160', '\u3164', '\uffa0', '\u2800']);

export function countVisible(value: string): number {
  let count = 0;
  for (const [character] of value.matchAll(VISIBLE)) if (!BLANK_LOOKALIKES.has(character)) count++;
  return count;
}
