import type { PbxEngine } from './pbx-engine';
import type { ActionRequest, AmiFields } from './wire-format';
import type { ListenChannels } from './listen-channels';

/** What an action handler may do: reply on its session, read/drive the engine. */
export interface ActionContext {
  readonly engine: PbxEngine;
  readonly listen: ListenChannels;
  readonly action: ActionRequest;
  /** ActionID as sent ('' when none). */
  readonly actionId: string;
  reply(fields: AmiFields): void;
  success(message: string, extra?: AmiFields): void;
  error(message: string): void;
  /** Sends a list: Response with EventList start, items, then `<name>Complete`. */
  list(message: string, completeEvent: string, items: AmiFields[], completeExtra?: AmiFields): void;
}

export type ActionHandler = (ctx: ActionContext) => void;

/** Parses an AMI boolean the way ast_true does (yes/true/y/t/1/on). */
export function isAmiTrue(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true|y|t|1|on)$/i.test(value.trim());
}

/** Present and not blank. */
export function hasValue(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
