/**
 * Article bodies are rich text written in the console's editor, and every save passes here first
 * (sanitize-html, a maintained sanitiser): a safe subset survives — headings, paragraphs, lists,
 * bold/italic, links with safe schemes, tables, quotes, code — and everything else goes: scripts
 * and styles with their content, event handlers (onerror=…), style attributes, javascript:/data:
 * links, iframes, forms, images. The desk renders what is stored, so what is stored must be safe.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 's',
    'a', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A link opens outside the console and cannot reach back into it.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};
// `rel` and `target` are set by the transform above, never taken from the input.
ALLOWED.allowedAttributes = { ...(ALLOWED.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel', 'target'] };

/** The body as it may be stored and shown. */
export function sanitiseArticleBody(html: string): string {
  return sanitizeHtml(html, ALLOWED).trim();
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * The body as plain text, one line per block: what the search matches and what the desk puts in
 * the answer box. Takes sanitised HTML.
 */
export function articleBodyText(html: string): string {
  const lined = html.replace(/<\/(p|h[1-6]|li|tr|blockquote|pre)>|<br\s*\/?>|<\/t[dh]>/gi, (tag) => (/^<\/t[dh]>$/i.test(tag) ? `${tag} ` : `${tag}\n`));
  const text = sanitizeHtml(lined, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .split('\n').map((line) => line.replace(/[ \t]+/g, ' ').trim()).filter(Boolean).join('\n');
}
