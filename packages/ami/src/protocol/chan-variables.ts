import type { AmiMessage } from './ami-message';

/** Channel variables of one message, grouped by which channel of the event they belong to. */
export interface ChanVariables {
  /** `ChanVariable: NAME=value` (the event's main channel) and `ChanVariable(<channel>): NAME=value`. */
  channel: Record<string, string>;
  /** `DestChanVariable:` — the agent leg on AgentCalled/AgentConnect/… */
  dest: Record<string, string>;
  /** Any other prefix (`Transferer`, `Transferee`, `OrigTransferer`, …), keyed by the prefix. */
  prefixed: Record<string, Record<string, string>>;
}

const CHAN_VARIABLE_KEY = /^(.*?)chanvariable(?:\((.*)\))?$/i;

/**
 * Read channel variables in the three spellings Asterisk uses (see the AMI README's traps):
 * `ChanVariable: HOTLINE=12345`, prefixed `DestChanVariable:` / `TransfererChanVariable:` /
 * `TransfereeChanVariable:`, and OriginateResponse's `ChanVariable(Local/…;1): HOTLINE=`.
 * Also accepts the object form `asterisk-manager` produces (`chanvariable: { HOTLINE: '12345' }`)
 * so messages from either parser read the same. Values may legitimately be empty
 * (`HOTLINE=` on the originating `;1` leg); callers decide whether empty counts.
 */
export function parseChanVariables(message: AmiMessage | Record<string, unknown>): ChanVariables {
  const fields = (isAmiMessage(message) ? message.fields : message) as Record<string, unknown>;
  const result: ChanVariables = { channel: {}, dest: {}, prefixed: {} };
  for (const [key, raw] of Object.entries(fields)) {
    const match = CHAN_VARIABLE_KEY.exec(key);
    if (!match) continue;
    const prefix = (match[1] ?? '').toLowerCase();
    const target = prefix === '' ? result.channel
      : prefix === 'dest' ? result.dest
      : (result.prefixed[prefix] ??= {});
    for (const [name, value] of readPairs(raw)) target[name] = value;
  }
  return result;
}

/**
 * First non-empty value of a channel variable, looked up on the main channel, then the
 * agent leg, then any prefixed channel. `VarSet` names an inherited variable `__HOTLINE`;
 * the leading underscores are ignored so that spelling matches too.
 */
export function findChanVariable(message: AmiMessage | Record<string, unknown>, name: string): string | undefined {
  const vars = parseChanVariables(message);
  const groups = [vars.channel, vars.dest, ...Object.values(vars.prefixed)];
  const wanted = name.replace(/^_+/, '').toUpperCase();
  for (const group of groups) {
    for (const [key, value] of Object.entries(group)) {
      if (key.replace(/^_+/, '').toUpperCase() === wanted && value !== '') return value;
    }
  }
  return undefined;
}

function isAmiMessage(value: unknown): value is AmiMessage {
  return typeof value === 'object' && value !== null && 'fields' in value && 'malformedLines' in value;
}

function readPairs(raw: unknown): [string, string][] {
  if (typeof raw === 'string') return splitPair(raw);
  if (Array.isArray(raw)) return raw.flatMap((item) => (typeof item === 'string' ? splitPair(item) : []));
  if (typeof raw === 'object' && raw !== null) {
    return Object.entries(raw).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)]);
  }
  return [];
}

function splitPair(text: string): [string, string][] {
  const eq = text.indexOf('=');
  if (eq <= 0) return [];
  return [[text.slice(0, eq), text.slice(eq + 1)]];
}
