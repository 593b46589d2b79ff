/**
 * How the unit, area and category pickers match what a person types: the Chinese name
 * (城管 → 城市管理和综合执法局, characters in order), pinyin initials (cgj) and full pinyin
 * (chengguan), both through pinyin-pro, and the English name. A lower score is a better hit.
 */
import { match } from 'pinyin-pro';

export interface Matchable {
  name: string;
  nameEn: string;
}

/** Scores, best first: the whole name, a run of the Chinese name, English, then pinyin. */
const SCORE = { exact: 0, chinese: 1, englishStart: 2, english: 3, pinyinStart: 4, pinyin: 5, scattered: 6 } as const;

const HAN = /\p{Script=Han}/u;

function isContiguous(indices: readonly number[]): boolean {
  return indices.every((index, i) => i === 0 || index === (indices[i - 1] as number) + 1);
}

/** The score of `item` for `query`, or null when it does not match at all. An empty query matches everything. */
export function scoreName(item: Matchable, query: string): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return SCORE.exact;
  if (item.name === query.trim()) return SCORE.exact;
  if (item.name.includes(q)) return SCORE.chinese;
  const english = item.nameEn.toLowerCase();
  const words = query.trim().toLowerCase();
  if (english.startsWith(words) || english.includes(` ${words}`)) return SCORE.englishStart;
  if (english.includes(words)) return SCORE.english;
  if (!HAN.test(q) && !/^[a-z]+$/.test(q)) return null;
  const indices = match(item.name, q);
  if (!indices || indices.length === 0) return null;
  if (!isContiguous(indices)) return SCORE.scattered;
  return indices[0] === 0 ? SCORE.pinyinStart : SCORE.pinyin;
}

/** The items that match `query`, best hit first; ties keep the given order. */
export function filterByName<T extends Matchable>(items: readonly T[], query: string): T[] {
  const scored: { item: T; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const score = scoreName(item, query);
    if (score !== null) scored.push({ item, score, order });
  });
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((entry) => entry.item);
}

/** The name a person reads in the UI's language (English under `en` when there is one). */
export function displayName(item: Matchable, locale: string): string {
  return locale === 'en' && item.nameEn ? item.nameEn : item.name;
}
