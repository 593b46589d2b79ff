/**
 * Splits text into parts that match one of the words and parts that do not (case-insensitive), for
 * a template to render with <mark> — as text, never as HTML, so nothing in the text can inject markup.
 */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

export function highlightParts(text: string, query: string): HighlightPart[] {
  const words = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (words.length === 0 || !text) return text ? [{ text, hit: false }] : [];
  const lower = text.toLowerCase();
  const parts: HighlightPart[] = [];
  let plainStart = 0;
  let at = 0;
  while (at < text.length) {
    const word = words.find((candidate) => lower.startsWith(candidate, at));
    if (!word) {
      at += 1;
      continue;
    }
    if (at > plainStart) parts.push({ text: text.slice(plainStart, at), hit: false });
    parts.push({ text: text.slice(at, at + word.length), hit: true });
    at += word.length;
    plainStart = at;
  }
  if (plainStart < text.length) parts.push({ text: text.slice(plainStart), hit: false });
  return parts;
}
