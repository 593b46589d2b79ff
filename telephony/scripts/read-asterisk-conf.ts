/**
 * A tiny reader for Asterisk's INI dialect, enough to test Yixian's configuration offline:
 * `[name](template,…)` sections (a name may repeat: pjsip's endpoint/aor/identify), `key = value`
 * and `key => value` lines, `;` comments (`\;` stays a literal semicolon). Keys keep their
 * spelling, so `eventfilter(action(exclude),name(VarSet))` is a key of its own.
 */
export interface ConfLine {
  key: string;
  value: string;
  /** 1-based line number in the file, for messages. */
  line: number;
}

export interface ConfSection {
  name: string;
  templates: string[];
  lines: ConfLine[];
}

/** Parses a whole file; lines before the first section go to a section named ''. */
export function readAsteriskConf(text: string): ConfSection[] {
  const sections: ConfSection[] = [{ name: '', templates: [], lines: [] }];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === '' || line.startsWith('#')) return;
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      sections.push({ name: header[1]!, templates: header[2] ? header[2].split(',').map((t) => t.trim()) : [], lines: [] });
      return;
    }
    const eq = line.search(/=>?/);
    if (eq < 0) return;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq).replace(/^=>?/, '').trim();
    sections[sections.length - 1]!.lines.push({ key, value, line: index + 1 });
  });
  return sections;
}

function stripComment(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === ';' && raw[i - 1] !== '\\') return raw.slice(0, i);
  }
  return raw;
}

/** Every line of every section with this name (pjsip repeats names across object types). */
export function linesOf(sections: ConfSection[], name: string): ConfLine[] {
  return sections.filter((s) => s.name === name).flatMap((s) => s.lines);
}

/** Last value of a key in a section (Asterisk: the last one wins for single-valued options). */
export function valueOf(sections: ConfSection[], name: string, key: string): string | undefined {
  return linesOf(sections, name).filter((l) => l.key === key).at(-1)?.value;
}

/**
 * Dialplan: the applications one extension runs, in order (`exten => X,1,App(…)` then its
 * `same => n,…` lines), e.g. `['Set(__HOTLINE=110)', 'Set(QUEUE_PRIO=10)', 'Gosub(…)']`.
 */
export function extensionApps(sections: ConfSection[], context: string, exten: string): string[] {
  const apps: string[] = [];
  let current: string | null = null;
  for (const { key, value } of linesOf(sections, context)) {
    if (key === 'exten') current = value.split(',')[0]!.trim();
    else if (key !== 'same') { current = null; continue; }
    if (current !== exten) continue;
    // exten => <name>,<priority>,<app>   same => <priority>,<app>
    apps.push(value.split(',').slice(key === 'exten' ? 2 : 1).join(',').trim());
  }
  return apps;
}

/** Extension names of a context (first field of each `exten =>`), in file order. */
export function extensionsOf(sections: ConfSection[], context: string): string[] {
  return linesOf(sections, context).filter((l) => l.key === 'exten').map((l) => l.value.split(',')[0]!.trim());
}
