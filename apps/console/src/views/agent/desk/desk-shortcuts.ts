/** The desk's keyboard shortcuts; the help popover lists the same table. */
export const DESK_SHORTCUTS = [
  { action: 'ready', keys: 'F2', labelKey: 'desk.shortcuts.ready' },
  { action: 'pause', keys: 'F3', labelKey: 'desk.shortcuts.pause' },
  { action: 'answer', keys: 'F4', labelKey: 'desk.shortcuts.answer' },
  { action: 'hangup', keys: 'F8', labelKey: 'desk.shortcuts.hangup' },
  { action: 'newTicket', keys: 'F6', labelKey: 'desk.shortcuts.newTicket' },
  { action: 'dispatch', keys: 'Ctrl+Enter', labelKey: 'desk.shortcuts.dispatch' },
  { action: 'help', keys: 'F1', labelKey: 'desk.shortcuts.help' },
] as const;

export type DeskAction = (typeof DESK_SHORTCUTS)[number]['action'];

/** The desk action for a key press, or null. Function keys work even while typing in a field. */
export function matchShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): DeskAction | null {
  if (event.altKey) return null;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) return 'dispatch';
  if (event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const found = DESK_SHORTCUTS.find((s) => s.keys === event.key);
  return found ? found.action : null;
}
